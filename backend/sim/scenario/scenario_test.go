package scenario_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/backend/sim/scenario"
)

type inProcess struct{ s *sim.Sim }

func (c inProcess) Do(r *http.Request) (*http.Response, error) {
	return c.s.RoundTripper().RoundTrip(r)
}

func config(s *sim.Sim) aws.Config {
	admin := s.AdminCredentials()
	return aws.Config{
		Region:       s.Region(),
		Credentials:  credentials.NewStaticCredentialsProvider(admin.AccessKeyID, admin.SecretAccessKey, ""),
		HTTPClient:   inProcess{s},
		BaseEndpoint: aws.String("http://sim.labconsole.internal"),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
	}
}

// TestLab1ActivityIsIdempotentAndRecorded: the scenario builds part D's resources
// once however often it runs, and Event history shows the calls the student's
// console would have made, by the Administrator, with their event sources.
func TestLab1ActivityIsIdempotentAndRecorded(t *testing.T) {
	ctx := context.Background()
	s, err := sim.New(ctx, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for range 2 {
		if err := s.RunScenario(ctx, "lab1-activity"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RunScenario(ctx, "nope"); !errors.Is(err, scenario.ErrUnknown) {
		t.Fatalf("unknown scenario: %v", err)
	}

	c := ec2.NewFromConfig(config(s))
	vpcs, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []types.Filter{{Name: aws.String("tag:Name"), Values: []string{"lab-vpc"}}}})
	if err != nil || len(vpcs.Vpcs) != 1 || aws.ToString(vpcs.Vpcs[0].CidrBlock) != "10.0.0.0/16" {
		t.Fatalf("lab-vpc: %+v %v", vpcs, err)
	}
	vpcID := vpcs.Vpcs[0].VpcId
	insts, err := c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{Filters: []types.Filter{{Name: aws.String("tag:Name"), Values: []string{"al-ec2"}}}})
	if err != nil || len(insts.Reservations) != 1 || len(insts.Reservations[0].Instances) != 1 {
		t.Fatalf("al-ec2: %+v %v", insts, err)
	}
	inst := insts.Reservations[0].Instances[0]
	if inst.InstanceType != types.InstanceTypeT2Micro || aws.ToString(inst.VpcId) != aws.ToString(vpcID) || inst.PublicIpAddress == nil {
		t.Fatalf("al-ec2 %+v", inst)
	}
	sgs, err := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{aws.ToString(inst.SecurityGroups[0].GroupId)}})
	if err != nil || len(sgs.SecurityGroups[0].IpPermissions) != 2 {
		t.Fatalf("security group: %+v %v", sgs, err)
	}

	ct := cloudtrail.NewFromConfig(config(s))
	for name, source := range map[string]string{
		"CreateVpc":                     "ec2.amazonaws.com",
		"RunInstances":                  "ec2.amazonaws.com",
		"AuthorizeSecurityGroupIngress": "ec2.amazonaws.com",
		"SendSSHPublicKey":              "ec2-instance-connect.amazonaws.com",
	} {
		out, err := ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{LookupAttributes: []cttypes.LookupAttribute{
			{AttributeKey: cttypes.LookupAttributeKeyEventName, AttributeValue: aws.String(name)}}})
		if err != nil {
			t.Fatal(err)
		}
		want := 1
		if name == "AuthorizeSecurityGroupIngress" {
			want = 2 // port 22, then port 80
		}
		if len(out.Events) != want {
			t.Fatalf("%s: %d events, want %d", name, len(out.Events), want)
		}
		for _, e := range out.Events {
			if aws.ToString(e.EventSource) != source || aws.ToString(e.Username) != "Administrator" {
				t.Errorf("%s: source %s by %s", name, aws.ToString(e.EventSource), aws.ToString(e.Username))
			}
		}
	}
}
