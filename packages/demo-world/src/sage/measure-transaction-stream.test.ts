import { describe, expect, it } from "vitest";
import { generateCompany } from "../company/generate-company.ts";
import { expectedTransactionCount } from "./job-plan.ts";
import { measureTransactionStream } from "./measure-transaction-stream.ts";

describe("measuring the transaction stream", () => {
  it("streams exactly the rows the plans count, at scale 2", () => {
    const measured = measureTransactionStream(2);
    expect(measured.rows).toBe(expectedTransactionCount(generateCompany({ scale: 2 })));
    expect(measured.seconds).toBeGreaterThan(0);
  });
});
