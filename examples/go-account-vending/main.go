// Account vending with secure phones, in Go: the plugin's SDK generated from schema.json.
package main

import (
	"github.com/pulumi-alicloud-secure-phone/pulumi-alicloud-secure-phone/sdk/go/alicloudsecurephone/resourcemanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")

		// The workload members inherit the management account's number (China site): no code needed.
		workloadPhones := pulumi.Array{}
		for _, member := range []struct{ name, accountID string }{
			{"app-dev", cfg.Require("appDevAccountId")},
			{"app-prod", cfg.Require("appProdAccountId")},
		} {
			binding, err := resourcemanager.NewSecureMobilePhoneBinding(ctx, member.name+"-phone", &resourcemanager.SecureMobilePhoneBindingArgs{
				AccountId:                    pulumi.String(member.accountID),
				InheritSecureMobilePhoneFrom: pulumi.StringPtr("ManagementAccount"),
			})
			if err != nil {
				return err
			}
			workloadPhones = append(workloadPhones, binding.InheritSecureMobilePhoneFrom)
		}

		// The security member gets the security team's number, with the SMS code sent to it. Both are
		// secrets; a changed or removed code is no change once bound.
		security, err := resourcemanager.NewSecureMobilePhoneBinding(ctx, "security-phone", &resourcemanager.SecureMobilePhoneBindingArgs{
			AccountId:         pulumi.String(cfg.Require("securityAccountId")),
			SecureMobilePhone: cfg.RequireSecret("securityTeamPhone"),
			VerificationCode:  cfg.GetSecret("verificationCode"),
		})
		if err != nil {
			return err
		}

		ctx.Export("securityPhone", security.MaskedSecureMobilePhone)
		ctx.Export("workloadPhones", workloadPhones)
		return nil
	})
}
