"""Members vended in this stack (account IDs unknown at preview), bound by the plugin's binding as config
`members` says: each entry has name, binding ("plugin" or "none"), phone ("inherit" or the name of a secret
config value) and protect. Members are alicloud:resourcemanager/account:Account, from the stand-in plugin."""
import pulumi
import pulumi_alicloud_secure_phone as secure_phone

config = pulumi.Config()

for entry in config.require_object("members"):
    account = pulumi.CustomResource(
        "alicloud:resourcemanager/account:Account", entry["name"], {"displayName": entry["name"]}
    )
    if entry["binding"] == "none":
        continue
    phone = (
        {"inherit_secure_mobile_phone_from": "ManagementAccount"}
        if entry["phone"] == "inherit"
        else {"secure_mobile_phone": config.require_secret(entry["phone"])}
    )
    secure_phone.resourcemanager.SecureMobilePhoneBinding(
        f"{entry['name']}-phone",
        account_id=account.id,
        opts=pulumi.ResourceOptions(protect=entry.get("protect", False)),
        **phone,
    )
