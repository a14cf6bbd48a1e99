import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoUpstreams, startDemoUpstreams } from "./start-demo-upstreams.ts";

let world: DemoUpstreams;
beforeAll(async () => {
  world = await startDemoUpstreams({ scale: 0.25 });
}, 60_000);
afterAll(() => world.close());

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

describe("the demo world's upstreams, started together", () => {
  it("serves the same job numbers from Procore, ArcGIS and Sage", async () => {
    const jobNumbers = world.company.projects.map((p) => p.jobNumber).sort();

    const token = await json(
      await fetch(`${world.procore.url}/oauth/token`, {
        method: "POST",
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: world.procore.credentials.clientId,
          client_secret: world.procore.credentials.clientSecret,
        }),
      }),
    );
    const projects = (await (
      await fetch(
        `${world.procore.url}/rest/v1.0/projects?company_id=${world.procore.credentials.companyId}&per_page=1000&filters%5Bby_status%5D=All`,
        {
          headers: {
            authorization: `Bearer ${token.access_token}`,
            "procore-company-id": String(world.procore.credentials.companyId),
          },
        },
      )
    ).json()) as { project_number: string }[];
    expect(projects.map((p) => p.project_number).sort()).toEqual(jobNumbers);

    const gisToken = await json(
      await fetch(`${world.arcgis.url}/arcgis/tokens/generateToken`, {
        method: "POST",
        body: new URLSearchParams({
          username: world.arcgis.credentials.username,
          password: world.arcgis.credentials.password,
          client: "requestip",
          f: "json",
        }),
      }),
    );
    const sites = await json(
      await fetch(
        `${world.arcgis.serviceUrl}/0/query?where=1%3D1&outFields=PROJECT_NUMBER&returnGeometry=false&f=json&token=${gisToken.token}`,
      ),
    );
    const siteNumbers = (sites.features as { attributes: { PROJECT_NUMBER: string } }[])
      .map((f) => f.attributes.PROJECT_NUMBER)
      .sort();
    expect(siteNumbers).toEqual(jobNumbers);

    const sageJobs = await world.sage.knex("JCM_MASTER__JOB").select("Job");
    expect(sageJobs.map((j: { Job: string }) => j.Job.trim()).sort()).toEqual(jobNumbers);
  });

  it("throttles Procore with its documented spike window of 25 requests per 10 s", async () => {
    const { clientId, clientSecret, companyId } = world.procore.credentials;
    const token = await json(
      await fetch(`${world.procore.url}/oauth/token`, {
        method: "POST",
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: clientId,
          client_secret: clientSecret,
        }),
      }),
    );
    const response = await fetch(`${world.procore.url}/rest/v1.0/companies`, {
      headers: { authorization: `Bearer ${token.access_token}`, "procore-company-id": String(companyId) },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-rate-limit-limit")).toBe("25");
    expect(response.headers.get("x-rate-limit-remaining")).toBe("24");
  });

  it("issues Graph tokens for the printed credentials", async () => {
    const { tenantId, clientId, clientSecret } = world.graph.credentials;
    const response = await fetch(`${world.graph.url}/${tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: clientSecret,
        scope: "https://graph.microsoft.com/.default",
      }),
    });
    expect(response.status).toBe(200);
    expect((await json(response)).token_type).toBe("Bearer");
  });
});
