import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.ts";
import { readDatabaseSettings } from "./database-settings.ts";

describe("SQL Server connection settings", () => {
  it("become a tedious connection: TLS on, tedious's own 15 s limit off, the password only inside", () => {
    const read = readDatabaseSettings(
      { dialect: "mssql", host: "sql.example.com", database: "Sage", user: "reader", schema: "dbo" },
      { password: "pw-value" },
      "/",
    );
    expect(read).toMatchObject({
      dialect: "mssql",
      schema: "dbo",
      poolMax: 5,
      display: "mssql://reader@sql.example.com:1433/Sage",
      connection: {
        host: "sql.example.com",
        port: 1433,
        database: "Sage",
        user: "reader",
        password: "pw-value",
        requestTimeout: 0,
        options: { encrypt: true, trustServerCertificate: false },
      },
    });
    expect(read.display).not.toContain("pw-value");
  });

  it("name a named instance instead of a port", () => {
    const read = readDatabaseSettings(
      { dialect: "mssql", host: "erp", instanceName: "SAGE", database: "Sage", encrypt: false },
      {},
      "/",
    );
    expect(read.display).toBe("mssql://erp\\SAGE/Sage");
    expect(read.connection).toMatchObject({ options: { encrypt: false, instanceName: "SAGE" } });
  });

  it("say what is missing or mistyped", () => {
    const problem = (settings: Record<string, unknown>) => {
      try {
        readDatabaseSettings({ dialect: "mssql", ...settings }, {}, "/");
      } catch (error) {
        if (error instanceof GatewayError) return { target: error.target, message: error.message };
      }
      return undefined;
    };
    expect(problem({ database: "Sage" })).toMatchObject({ target: "settings.host" });
    expect(problem({ host: "erp", database: "Sage", encrypt: "yes" })).toEqual({
      target: "settings.encrypt",
      message: "settings.encrypt must be true or false.",
    });
    expect(problem({ host: "erp", database: "Sage", port: 70000 })).toMatchObject({
      target: "settings.port",
    });
  });
});
