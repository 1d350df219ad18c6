"""Account vending with secure phones, in Python: the plugin's SDK generated from schema.json."""
import pulumi
import pulumi_alicloud_secure_phone as secure_phone

config = pulumi.Config()

# The workload members inherit the management account's number (China site): no code needed.
workloads = {
    "app-dev": config.require("appDevAccountId"),
    "app-prod": config.require("appProdAccountId"),
}
workload_phones = [
    secure_phone.resourcemanager.SecureMobilePhoneBinding(
        f"{name}-phone",
        account_id=account_id,
        inherit_secure_mobile_phone_from="ManagementAccount",
    )
    for name, account_id in workloads.items()
]

# The security member gets the security team's number, with the SMS code sent to it
# (`npx alicloud-secure-phone send-code ...`, then `pulumi config set --secret verificationCode <code>`).
# Both are secrets; a changed or removed code is no change once bound.
security_phone = secure_phone.resourcemanager.SecureMobilePhoneBinding(
    "security-phone",
    account_id=config.require("securityAccountId"),
    secure_mobile_phone=config.require_secret("securityTeamPhone"),
    verification_code=config.get_secret("verificationCode"),
)

pulumi.export("securityPhone", security_phone.masked_secure_mobile_phone)
pulumi.export("workloadPhones", [p.inherit_secure_mobile_phone_from for p in workload_phones])
