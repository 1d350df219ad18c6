module github.com/pulumi-alicloud-secure-phone/pulumi-alicloud-secure-phone/sdk/go

go 1.25

require github.com/pulumi/pulumi/sdk/v3 v3.30.0
