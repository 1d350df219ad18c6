/**
 * The engine tests run on the language hosts an ordinary install of the CLI ships: built against the CLI's
 * own sdk/v3. Asserted where CI builds them (PULUMI_HOST_SOURCES) or the engine tests are mandatory;
 * elsewhere the hosts in use are only reported.
 */

import { expect, it } from "vitest";
import {
  LANGUAGE_HOSTS,
  builtAgainstSdk,
  cliVersion,
  hostPath,
  matchingHostsRequired,
} from "../../devkit/languageHosts";
import { engineDescribe } from "./support";

engineDescribe(
  "engine: the language hosts match the CLI",
  (cli) => {
    it.each(LANGUAGE_HOSTS)("%s names sdk/v3 at the CLI's version in `go version -m`", (host) => {
      const version = cliVersion(cli);
      expect(version).toMatch(/^v\d+\.\d+\.\d+$/);
      const path = hostPath(cli, host);
      expect(path, `${host} beside ${cli.binDir} or on PATH`).toBeDefined();
      const sdk = builtAgainstSdk(path!);
      console.log(`${host}: ${path} built against sdk/v3 ${sdk ?? "unknown (no go, or no build info)"}; ${version}`);
      if (matchingHostsRequired()) {
        expect(sdk, `${path}: go version -m names github.com/pulumi/pulumi/sdk/v3`).toBe(version);
      }
    });
  },
  { languageHosts: [...LANGUAGE_HOSTS, "pulumi-language-python-exec"] },
);
