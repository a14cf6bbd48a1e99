/**
 * A command line the admin CLI cannot run (unknown command or option, missing argument). It is
 * an error of the one model, answered with exit code 2 and the usage text.
 */
import { ODataError } from "@headgate/odata";

export class UsageError extends ODataError {
  constructor(message: string, target?: string) {
    super({ code: "InvalidUsage", message, status: 400, ...(target === undefined ? {} : { target }) });
  }
}
