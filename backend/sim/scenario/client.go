package scenario

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// consoleUserAgent is what the events' userAgent says: the activity is what a
// student did in the AWS console.
const consoleUserAgent = "AWS Internal"

// ec2Client is the real SDK client, signed with the administrator's key and sent
// through the simulator's in-process transport.
func ec2Client(t Target) *ec2.Client {
	admin := t.AdminCredentials()
	cfg := aws.Config{
		Region:      t.Region(),
		Credentials: credentials.NewStaticCredentialsProvider(admin.AccessKeyID, admin.SecretAccessKey, ""),
		HTTPClient:  inProcess{t: t},
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
	}
	return ec2.NewFromConfig(cfg, func(o *ec2.Options) {
		o.BaseEndpoint = aws.String("https://ec2." + t.Region() + ".amazonaws.com")
		o.APIOptions = append(o.APIOptions, withUserAgent(consoleUserAgent))
	})
}
