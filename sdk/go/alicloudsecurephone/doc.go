// Binds the secure mobile phone of an Alibaba Cloud Resource Directory member (Resource Manager BindSecureMobilePhone), from the management account.
package alicloudsecurephone
