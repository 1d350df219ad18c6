"""
The vendor's official Python SDKs (alibabacloud_resourcemanager20200331 for 2020-03-31,
alibabacloud_resourcedirectorymaster20220419 for 2022-04-19) making the calls a test hands them, against the
emulator: official-python-client.test.ts drives it. Reads on stdin
  {"endpoint": "127.0.0.1:<port>", "mode": "V3" | "v2", "key": {...},
   "calls": [{"version", "action", "params", "raw"?, "key"?}]}
and prints one JSON list: per call its code ("OK" or the error's), HTTP status, the answer as the SDK's model gives
it back (typed calls), or, for a raw call, the fields of the raw answer the SDK's model does not know ("dropped").
It prints nothing else: a key or a code is never echoed.
"""
import inspect
import json
import re
import sys

from alibabacloud_resourcedirectorymaster20220419 import models as models_2022
from alibabacloud_resourcedirectorymaster20220419.client import Client as Client2022
from alibabacloud_resourcemanager20200331 import models as models_2020
from alibabacloud_resourcemanager20200331.client import Client as Client2020
from alibabacloud_tea_openapi import utils_models as openapi_models
from darabonba.runtime import RuntimeOptions

PACKAGES = {"2020-03-31": (Client2020, models_2020), "2022-04-19": (Client2022, models_2022)}


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def client_for(spec, version, key):
    config = openapi_models.Config(
        access_key_id=key["accessKeyId"],
        access_key_secret=key["accessKeySecret"],
        security_token=key.get("securityToken"),
        endpoint=spec["endpoint"],
        protocol="http",
    )
    if spec["mode"] == "v2":
        config.signature_algorithm = "v2"
    return PACKAGES[version][0](config)


def dropped(raw, known, path="body"):
    """Fields of the raw answer that the model's from_map/to_map round trip loses: names the model lacks."""
    if isinstance(raw, dict):
        out = []
        for field, value in raw.items():
            if not isinstance(known, dict) or field not in known:
                out.append(f"{path}.{field}")
            else:
                out.extend(dropped(value, known[field], f"{path}.{field}"))
        return out
    if isinstance(raw, list):
        out = []
        for i, item in enumerate(raw):
            other = known[i] if isinstance(known, list) and i < len(known) else None
            out.extend(dropped(item, other, f"{path}[{i}]"))
        return out
    return []


def call(spec, item):
    version, action, params = item["version"], item["action"], item.get("params", {})
    client = client_for(spec, version, item.get("key") or spec["key"])
    models = PACKAGES[version][1]
    try:
        if item.get("raw"):
            # On the wire every parameter is text.
            request = openapi_models.OpenApiRequest(query={name: str(value) for name, value in params.items()})
            api = openapi_models.Params(
                action=action, version=version, protocol="HTTPS", pathname="/", method="POST",
                auth_type="AK", style="RPC", req_body_type="formData", body_type="json",
            )
            raw = client.call_api(api, request, RuntimeOptions())["body"]
            known = getattr(models, f"{action}ResponseBody")().from_map(raw).to_map()
            return {"code": "OK", "status": 200, "dropped": dropped(raw, known)}
        method = getattr(client, f"{snake(action)}_with_options")
        if len(inspect.signature(method).parameters) == 1:
            response = method(RuntimeOptions())
        else:
            response = method(getattr(models, f"{action}Request")().from_map(params), RuntimeOptions())
        return {"code": "OK", "status": response.status_code, "body": response.body.to_map()}
    except Exception as error:  # the SDK's errors carry code and status_code; the message may echo parameters
        return {"code": getattr(error, "code", None) or type(error).__name__, "status": getattr(error, "status_code", None)}


def main():
    spec = json.load(sys.stdin)
    print(json.dumps([call(spec, item) for item in spec["calls"]]))


if __name__ == "__main__":
    main()
