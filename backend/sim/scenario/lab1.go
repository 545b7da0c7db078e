package scenario

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// Lab 1 part D's names, as the console's "VPC and more" and launch wizards make them.
const (
	labVPCName    = "lab-vpc"
	labVPCCIDR    = "10.0.0.0/16"
	labSubnetName = "lab-subnet-public1-"
	labSubnetCIDR = "10.0.0.0/20"
	labIGWName    = "lab-igw"
	labSGName     = "launch-wizard-1"
	labInstance   = "al-ec2"
	// labAMI stands for the Amazon Linux 2023 image the lab picks; the simulator
	// accepts any ami-… ID.
	labAMI = "ami-0a463f27534bdf246"
)

// Lab1Activity is part D's activity, done as the Administrator: lab-vpc
// (10.0.0.0/16) with a public subnet and an internet gateway, a security group
// with SSH (22) and HTTP (80) open, the t2.micro al-ec2 in it, and the EC2
// Instance Connect session the student opens to install Apache. Every step looks
// for what an earlier run made first, so running it again adds nothing.
func Lab1Activity(ctx context.Context, t Target) error {
	c := ec2Client(t)
	vpcID, err := ensureVPC(ctx, c)
	if err != nil {
		return fmt.Errorf("lab1-activity: VPC: %w", err)
	}
	subnetID, err := ensureSubnet(ctx, c, vpcID, t.Region()+"a")
	if err != nil {
		return fmt.Errorf("lab1-activity: subnet: %w", err)
	}
	if err := ensureIGW(ctx, c, vpcID); err != nil {
		return fmt.Errorf("lab1-activity: internet gateway: %w", err)
	}
	sgID, err := ensureSecurityGroup(ctx, c, vpcID, t)
	if err != nil {
		return fmt.Errorf("lab1-activity: security group: %w", err)
	}
	instanceID, created, err := ensureInstance(ctx, c, subnetID, sgID)
	if err != nil {
		return fmt.Errorf("lab1-activity: instance: %w", err)
	}
	if created {
		if err := recordInstanceConnect(ctx, t, instanceID); err != nil {
			return fmt.Errorf("lab1-activity: instance connect: %w", err)
		}
	}
	return nil
}

func nameTag(resource types.ResourceType, name string) []types.TagSpecification {
	return []types.TagSpecification{{ResourceType: resource, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String(name)}}}}
}

func filter(name string, values ...string) types.Filter {
	return types.Filter{Name: aws.String(name), Values: values}
}

func ensureVPC(ctx context.Context, c *ec2.Client) (string, error) {
	out, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []types.Filter{filter("tag:Name", labVPCName)}})
	if err != nil {
		return "", err
	}
	if len(out.Vpcs) > 0 {
		return aws.ToString(out.Vpcs[0].VpcId), nil
	}
	created, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String(labVPCCIDR), TagSpecifications: nameTag(types.ResourceTypeVpc, labVPCName)})
	if err != nil {
		return "", err
	}
	return aws.ToString(created.Vpc.VpcId), nil
}

func ensureSubnet(ctx context.Context, c *ec2.Client, vpcID, az string) (string, error) {
	out, err := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []types.Filter{filter("vpc-id", vpcID)}})
	if err != nil {
		return "", err
	}
	if len(out.Subnets) > 0 {
		return aws.ToString(out.Subnets[0].SubnetId), nil
	}
	created, err := c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String(vpcID), CidrBlock: aws.String(labSubnetCIDR),
		AvailabilityZone: aws.String(az), TagSpecifications: nameTag(types.ResourceTypeSubnet, labSubnetName+az)})
	if err != nil {
		return "", err
	}
	return aws.ToString(created.Subnet.SubnetId), nil
}

func ensureIGW(ctx context.Context, c *ec2.Client, vpcID string) error {
	out, err := c.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{Filters: []types.Filter{filter("attachment.vpc-id", vpcID)}})
	if err != nil || len(out.InternetGateways) > 0 {
		return err
	}
	created, err := c.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{TagSpecifications: nameTag(types.ResourceTypeInternetGateway, labIGWName)})
	if err != nil {
		return err
	}
	_, err = c.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: created.InternetGateway.InternetGatewayId, VpcId: aws.String(vpcID)})
	return err
}

func ensureSecurityGroup(ctx context.Context, c *ec2.Client, vpcID string, t Target) (string, error) {
	out, err := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{filter("vpc-id", vpcID), filter("group-name", labSGName)}})
	if err != nil {
		return "", err
	}
	var sg types.SecurityGroup
	if len(out.SecurityGroups) > 0 {
		sg = out.SecurityGroups[0]
	} else {
		created, err := c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String(labSGName), VpcId: aws.String(vpcID),
			Description: aws.String(labSGName + " created " + t.Clock().Now().UTC().Format("2006-01-02T15:04:05.000Z"))})
		if err != nil {
			return "", err
		}
		sg.GroupId = created.GroupId
	}
	// The launch wizard opens SSH; the student then opens HTTP for Apache.
	for _, port := range []int32{22, 80} {
		if hasIngress(sg.IpPermissions, port) {
			continue
		}
		_, err := c.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: sg.GroupId,
			IpPermissions: []types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(port), ToPort: aws.Int32(port),
				IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}})
		if err != nil {
			return "", err
		}
	}
	return aws.ToString(sg.GroupId), nil
}

func hasIngress(perms []types.IpPermission, port int32) bool {
	for _, p := range perms {
		if aws.ToString(p.IpProtocol) == "tcp" && aws.ToInt32(p.FromPort) == port && aws.ToInt32(p.ToPort) == port {
			return true
		}
	}
	return false
}

// ensureInstance launches al-ec2 unless a pending or running one exists; created
// reports whether this run launched it.
func ensureInstance(ctx context.Context, c *ec2.Client, subnetID, sgID string) (id string, created bool, err error) {
	out, err := c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{Filters: []types.Filter{
		filter("tag:Name", labInstance), filter("instance-state-name", "pending", "running")}})
	if err != nil {
		return "", false, err
	}
	for _, r := range out.Reservations {
		for _, i := range r.Instances {
			return aws.ToString(i.InstanceId), false, nil
		}
	}
	run, err := c.RunInstances(ctx, &ec2.RunInstancesInput{ImageId: aws.String(labAMI), InstanceType: types.InstanceTypeT2Micro,
		MinCount: aws.Int32(1), MaxCount: aws.Int32(1), SubnetId: aws.String(subnetID), SecurityGroupIds: []string{sgID},
		TagSpecifications: nameTag(types.ResourceTypeInstance, labInstance)})
	if err != nil {
		return "", false, err
	}
	return aws.ToString(run.Instances[0].InstanceId), true, nil
}
