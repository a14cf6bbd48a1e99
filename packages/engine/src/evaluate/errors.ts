/**
 * The evaluation errors a client can cause. All are 400: the query asked for something the data
 * cannot answer, not something Headgate lacks.
 */
import { ODataError } from "@headgate/odata";

export function divisionByZero(operator: string): ODataError {
  return new ODataError({
    code: "DivisionByZero",
    message: `${operator} by zero: the right operand evaluated to 0 for an integer or decimal division; use divby for a decimal result or exclude zero with $filter`,
    status: 400,
  });
}

export function invalidPattern(pattern: string, reason: string): ODataError {
  return new ODataError({
    code: "InvalidPattern",
    message: `matchesPattern: '${pattern}' is not a valid ECMAScript regular expression (${reason})`,
    status: 400,
  });
}

export function invalidArgument(functionName: string, message: string): ODataError {
  return new ODataError({ code: "InvalidArgument", message: `${functionName}: ${message}`, status: 400 });
}
