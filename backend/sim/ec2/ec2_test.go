package ec2_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/backend/sim"
	simiam "github.com/labconsole/labconsole/backend/sim/iam"
)

type inProcess struct{ s *sim.Sim }

func (c inProcess) Do(r *http.Request) (*http.Response, error) {
	return c.s.RoundTripper().RoundTrip(r)
}

func newSim(t *testing.T) *sim.Sim {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func config(s *sim.Sim, c simiam.Credentials) aws.Config {
	return aws.Config{
		Region:       s.Region(),
		Credentials:  credentials.NewStaticCredentialsProvider(c.AccessKeyID, c.SecretAccessKey, ""),
		HTTPClient:   inProcess{s},
		BaseEndpoint: aws.String("http://sim.labconsole.internal"),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
	}
}

func apiCode(t *testing.T, err error) smithy.APIError {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("want an API error, got %v", err)
	}
	return ae
}

func nameTag(rt types.ResourceType, name string) []types.TagSpecification {
	return []types.TagSpecification{{ResourceType: rt, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String(name)}}}}
}

// TestVPCInstanceLifecycle drives the lab's resources through the real SDK client.
func TestVPCInstanceLifecycle(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	c := ec2.NewFromConfig(config(s, s.AdminCredentials()))

	vpcs, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil || len(vpcs.Vpcs) != 1 || !aws.ToBool(vpcs.Vpcs[0].IsDefault) || aws.ToString(vpcs.Vpcs[0].CidrBlock) != "172.31.0.0/16" {
		t.Fatalf("default VPC: %+v %v", vpcs, err)
	}
	vpc, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16"), TagSpecifications: nameTag(types.ResourceTypeVpc, "lab-vpc")})
	if err != nil {
		t.Fatal(err)
	}
	vpcID := aws.ToString(vpc.Vpc.VpcId)
	if len(vpcID) != len("vpc-")+17 || vpc.Vpc.State != types.VpcStateAvailable {
		t.Fatalf("vpc %+v", vpc.Vpc)
	}
	_, err = c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/33")})
	if ae := apiCode(t, err); ae.ErrorCode() != "InvalidParameterValue" {
		t.Fatalf("bad CIDR: %v", err)
	}
	_, err = c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String("vpc-00000000000000000"), CidrBlock: aws.String("10.0.0.0/24")})
	if ae := apiCode(t, err); ae.ErrorCode() != "InvalidVpcID.NotFound" {
		t.Fatalf("unknown VPC: %v", err)
	}
	sub, err := c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String(vpcID), CidrBlock: aws.String("10.0.0.0/20")})
	if err != nil {
		t.Fatal(err)
	}
	igw, err := c.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: igw.InternetGateway.InternetGatewayId, VpcId: aws.String(vpcID)}); err != nil {
		t.Fatal(err)
	}
	sg, err := c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("web"), Description: aws.String("web"), VpcId: aws.String(vpcID)})
	if err != nil {
		t.Fatal(err)
	}
	http80 := &ec2.AuthorizeSecurityGroupIngressInput{GroupId: sg.GroupId, IpPermissions: []types.IpPermission{{IpProtocol: aws.String("tcp"),
		FromPort: aws.Int32(80), ToPort: aws.Int32(80), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}}
	if _, err := c.AuthorizeSecurityGroupIngress(ctx, http80); err != nil {
		t.Fatal(err)
	}
	_, err = c.AuthorizeSecurityGroupIngress(ctx, http80)
	if ae := apiCode(t, err); ae.ErrorCode() != "InvalidPermission.Duplicate" {
		t.Fatalf("duplicate rule: %v", err)
	}
	_, err = c.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String("sg-00000000000000000"), IpPermissions: http80.IpPermissions})
	if ae := apiCode(t, err); ae.ErrorCode() != "InvalidGroup.NotFound" {
		t.Fatalf("unknown group: %v", err)
	}
	groups, err := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{aws.ToString(sg.GroupId)}})
	if err != nil || len(groups.SecurityGroups) != 1 || len(groups.SecurityGroups[0].IpPermissions) != 1 ||
		aws.ToInt32(groups.SecurityGroups[0].IpPermissions[0].FromPort) != 80 || aws.ToString(groups.SecurityGroups[0].Description) != "web" {
		t.Fatalf("groups %+v %v", groups, err)
	}

	run, err := c.RunInstances(ctx, &ec2.RunInstancesInput{ImageId: aws.String("ami-0123456789abcdef0"), InstanceType: types.InstanceTypeT2Micro,
		MinCount: aws.Int32(1), MaxCount: aws.Int32(1), SubnetId: sub.Subnet.SubnetId, SecurityGroupIds: []string{aws.ToString(sg.GroupId)},
		TagSpecifications: nameTag(types.ResourceTypeInstance, "al-ec2")})
	if err != nil {
		t.Fatal(err)
	}
	inst := run.Instances[0]
	id := aws.ToString(inst.InstanceId)
	if len(id) != len("i-")+17 || inst.State.Name != types.InstanceStateNamePending || aws.ToString(inst.PrivateIpAddress) != "10.0.0.4" ||
		inst.PublicIpAddress == nil || aws.ToString(inst.SecurityGroups[0].GroupId) != aws.ToString(sg.GroupId) {
		t.Fatalf("launched %+v", inst)
	}

	if _, _, err := s.Advance(ctx, time.Minute); err != nil {
		t.Fatal(err)
	}
	desc, err := c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{Filters: []types.Filter{
		{Name: aws.String("tag:Name"), Values: []string{"al-ec2"}}, {Name: aws.String("instance-state-name"), Values: []string{"running"}}}})
	if err != nil || len(desc.Reservations) != 1 || aws.ToString(desc.Reservations[0].Instances[0].InstanceId) != id {
		t.Fatalf("running al-ec2: %+v %v", desc, err)
	}
	if _, err := c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{Filters: []types.Filter{{Name: aws.String("bogus"), Values: []string{"x"}}}}); apiCode(t, err).ErrorCode() != "InvalidParameterValue" {
		t.Fatalf("bad filter: %v", err)
	}
	if _, err := c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("lab")}}}); err != nil {
		t.Fatal(err)
	}
	tags, err := c.DescribeTags(ctx, &ec2.DescribeTagsInput{Filters: []types.Filter{{Name: aws.String("resource-id"), Values: []string{id}}}})
	if err != nil || len(tags.Tags) != 2 || tags.Tags[0].ResourceType != types.ResourceTypeInstance {
		t.Fatalf("tags %+v %v", tags, err)
	}

	term, err := c.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{id}})
	if err != nil || term.TerminatingInstances[0].PreviousState.Name != types.InstanceStateNameRunning ||
		term.TerminatingInstances[0].CurrentState.Name != types.InstanceStateNameShuttingDown {
		t.Fatalf("terminate %+v %v", term, err)
	}
	if _, _, err := s.Advance(ctx, time.Minute); err != nil {
		t.Fatal(err)
	}
	desc, err = c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{id}})
	if err != nil || desc.Reservations[0].Instances[0].State.Name != types.InstanceStateNameTerminated {
		t.Fatalf("terminated: %+v %v", desc, err)
	}
	_, err = c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{"i-00000000000000000"}})
	if apiCode(t, err).ErrorCode() != "InvalidInstanceID.NotFound" {
		t.Fatalf("unknown instance: %v", err)
	}
}

// TestDeniedIsUnauthorizedOperation: EC2 words a denial its own way.
func TestDeniedIsUnauthorizedOperation(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	if _, err := iam.NewFromConfig(config(s, s.AdminCredentials())).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("nobody")}); err != nil {
		t.Fatal(err)
	}
	creds, err := s.IAM().AddAccessKey(ctx, "nobody", s.Clock().Now())
	if err != nil {
		t.Fatal(err)
	}
	_, err = ec2.NewFromConfig(config(s, creds)).RunInstances(ctx, &ec2.RunInstancesInput{ImageId: aws.String("ami-1"), InstanceType: types.InstanceTypeT2Micro, MinCount: aws.Int32(1), MaxCount: aws.Int32(1)})
	ae := apiCode(t, err)
	want := "You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/nobody is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:ap-northeast-2:123456789012:instance/*"
	if ae.ErrorCode() != "UnauthorizedOperation" || !strings.HasPrefix(ae.ErrorMessage(), want) {
		t.Fatalf("got %s: %s", ae.ErrorCode(), ae.ErrorMessage())
	}
	_, err = ec2.NewFromConfig(config(s, s.AdminCredentials())).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{DryRun: aws.Bool(true)})
	if apiCode(t, err).ErrorCode() != "DryRunOperation" {
		t.Fatalf("dry run: %v", err)
	}
}
