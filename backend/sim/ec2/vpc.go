package ec2

import (
	"context"
	"net/netip"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// CreateVpcInput is CreateVpc's input.
type CreateVpcInput struct {
	CidrBlock         string
	InstanceTenancy   *string
	TagSpecifications []TagSpecification `ec2:"TagSpecification"`
	DryRun            *bool
}

// CreateVpcOutput is CreateVpc's output.
type CreateVpcOutput struct {
	Vpc Vpc
}

// parseCIDR validates a VPC or subnet block: IPv4, prefix /16 to /28, as EC2 allows.
func parseCIDR(cidr string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(cidr)
	if err != nil || !p.Addr().Is4() || p.Masked() != p {
		return netip.Prefix{}, invalidParameterValue("Value (%s) for parameter cidrBlock is invalid. This is not a valid CIDR block.", cidr)
	}
	if p.Bits() < 16 || p.Bits() > 28 {
		return netip.Prefix{}, protocolInvalidRange(cidr)
	}
	return p, nil
}

func (s *Service) createVpc(c *service.Call, in *CreateVpcInput) (*CreateVpcOutput, error) {
	if in.CidrBlock == "" {
		return nil, missingParameter("cidrBlock")
	}
	if _, err := parseCIDR(in.CidrBlock); err != nil {
		return nil, err
	}
	if err := authorize(c, "ec2:CreateVpc", s.arn(c, "vpc", "*"), in.DryRun); err != nil {
		return nil, err
	}
	tenancy := "default"
	if in.InstanceTenancy != nil {
		tenancy = *in.InstanceTenancy
	}
	v := Vpc{VpcId: newID("vpc"), OwnerId: s.account, State: "available", CidrBlock: in.CidrBlock,
		DhcpOptionsId: "dopt-" + s.account[:8], InstanceTenancy: tenancy, Tags: tagsFor(in.TagSpecifications, "vpc")}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.addVpc(c.Ctx, v); err != nil {
		return nil, err
	}
	v.Tags = nonNilTags(v.Tags)
	touched(c, resVpc, v.VpcId)
	return &CreateVpcOutput{Vpc: v}, nil
}

// addVpc stores a VPC with the "default" security group every VPC comes with.
func (s *Service) addVpc(ctx context.Context, v Vpc) error {
	if err := s.put(ctx, kindVpc, v.VpcId, v); err != nil {
		return err
	}
	sg := SecurityGroup{GroupId: newID("sg"), GroupName: "default", Description: "default VPC security group",
		OwnerId: s.account, VpcId: v.VpcId, IpPermissions: []IpPermission{}, IpPermissionsEgress: []IpPermission{allTraffic()}}
	sg.SecurityGroupArn = "arn:aws:ec2:" + s.region + ":" + s.account + ":security-group/" + sg.GroupId
	return s.put(ctx, kindSG, sg.GroupId, sg)
}

// seedDefaultVPC gives a new account its default VPC (172.31.0.0/16) and one
// default subnet, as every AWS account has, so run-instances without a subnet works.
func (s *Service) seedDefaultVPC(ctx context.Context, now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	vpcs, err := list[Vpc](ctx, s, kindVpc)
	if err != nil || len(vpcs) > 0 {
		return err
	}
	v := Vpc{VpcId: newID("vpc"), OwnerId: s.account, State: "available", CidrBlock: "172.31.0.0/16",
		DhcpOptionsId: "dopt-" + s.account[:8], InstanceTenancy: "default", IsDefault: true}
	if err := s.addVpc(ctx, v); err != nil {
		return err
	}
	sub := Subnet{SubnetId: newID("subnet"), VpcId: v.VpcId, State: "available", CidrBlock: "172.31.0.0/20",
		AvailabilityZone: s.region + "a", AvailableIpAddressCount: 4091, DefaultForAz: true, MapPublicIpOnLaunch: true, OwnerId: s.account}
	sub.SubnetArn = "arn:aws:ec2:" + s.region + ":" + s.account + ":subnet/" + sub.SubnetId
	return s.put(ctx, kindSubnet, sub.SubnetId, sub)
}

func nonNilTags(t []Tag) []Tag {
	if t == nil {
		return []Tag{}
	}
	return t
}

// DescribeVpcsInput is DescribeVpcs' input.
type DescribeVpcsInput struct {
	VpcIds     []string `ec2:"VpcId"`
	Filters    []Filter `ec2:"Filter"`
	MaxResults *int32
	NextToken  *string
	DryRun     *bool
}

// DescribeVpcsOutput is DescribeVpcs' output.
type DescribeVpcsOutput struct {
	Vpcs []Vpc `ec2:"vpcSet"`
}

func (s *Service) describeVpcs(c *service.Call, in *DescribeVpcsInput) (*DescribeVpcsOutput, error) {
	if err := authorize(c, "ec2:DescribeVpcs", "", in.DryRun); err != nil {
		return nil, err
	}
	all, err := list[Vpc](c.Ctx, s, kindVpc)
	if err != nil {
		return nil, err
	}
	out := &DescribeVpcsOutput{Vpcs: []Vpc{}}
	found := map[string]bool{}
	for _, v := range all {
		found[v.VpcId] = true
		if !wanted(in.VpcIds, v.VpcId) {
			continue
		}
		ok, err := matchFilters(in.Filters, v.Tags, func(name string) ([]string, bool) {
			switch name {
			case "vpc-id":
				return []string{v.VpcId}, true
			case "cidr", "cidr-block", "cidr-block-association.cidr-block":
				return []string{v.CidrBlock}, true
			case "is-default", "isDefault":
				return []string{boolString(v.IsDefault)}, true
			case "state":
				return []string{v.State}, true
			case "owner-id":
				return []string{v.OwnerId}, true
			}
			return nil, false
		})
		if err != nil {
			return nil, err
		}
		if ok {
			v.Tags = nonNilTags(v.Tags)
			out.Vpcs = append(out.Vpcs, v)
		}
	}
	if id, ok := missing(in.VpcIds, found); ok {
		return nil, vpcNotFound(id)
	}
	return out, nil
}

// CreateSubnetInput is CreateSubnet's input.
type CreateSubnetInput struct {
	VpcId             string
	CidrBlock         string
	AvailabilityZone  *string
	TagSpecifications []TagSpecification `ec2:"TagSpecification"`
	DryRun            *bool
}

// CreateSubnetOutput is CreateSubnet's output.
type CreateSubnetOutput struct {
	Subnet Subnet
}

func (s *Service) createSubnet(c *service.Call, in *CreateSubnetInput) (*CreateSubnetOutput, error) {
	if in.VpcId == "" {
		return nil, missingParameter("vpcId")
	}
	if in.CidrBlock == "" {
		return nil, missingParameter("cidrBlock")
	}
	p, err := parseCIDR(in.CidrBlock)
	if err != nil {
		return nil, err
	}
	if err := authorize(c, "ec2:CreateSubnet", s.arn(c, "subnet", "*"), in.DryRun); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var v Vpc
	if ok, err := s.get(c.Ctx, kindVpc, in.VpcId, &v); err != nil || !ok {
		if err == nil {
			err = vpcNotFound(in.VpcId)
		}
		return nil, err
	}
	if vp, _ := netip.ParsePrefix(v.CidrBlock); !vp.Contains(p.Addr()) || p.Bits() < vp.Bits() {
		return nil, protocolInvalidSubnetRange(in.CidrBlock)
	}
	az := c.Region + "a"
	if in.AvailabilityZone != nil {
		az = *in.AvailabilityZone
	}
	sub := Subnet{SubnetId: newID("subnet"), VpcId: v.VpcId, State: "available", CidrBlock: in.CidrBlock, AvailabilityZone: az,
		AvailableIpAddressCount: int32(1<<(32-p.Bits())) - 5, OwnerId: s.account, Tags: nonNilTags(tagsFor(in.TagSpecifications, "subnet"))}
	sub.SubnetArn = s.arn(c, "subnet", sub.SubnetId)
	if err := s.put(c.Ctx, kindSubnet, sub.SubnetId, sub); err != nil {
		return nil, err
	}
	touched(c, resSubnet, sub.SubnetId)
	touched(c, resVpc, sub.VpcId)
	return &CreateSubnetOutput{Subnet: sub}, nil
}

// DescribeSubnetsInput is DescribeSubnets' input.
type DescribeSubnetsInput struct {
	SubnetIds  []string `ec2:"SubnetId"`
	Filters    []Filter `ec2:"Filter"`
	MaxResults *int32
	NextToken  *string
	DryRun     *bool
}

// DescribeSubnetsOutput is DescribeSubnets' output.
type DescribeSubnetsOutput struct {
	Subnets []Subnet `ec2:"subnetSet"`
}

func (s *Service) describeSubnets(c *service.Call, in *DescribeSubnetsInput) (*DescribeSubnetsOutput, error) {
	if err := authorize(c, "ec2:DescribeSubnets", "", in.DryRun); err != nil {
		return nil, err
	}
	all, err := list[Subnet](c.Ctx, s, kindSubnet)
	if err != nil {
		return nil, err
	}
	out := &DescribeSubnetsOutput{Subnets: []Subnet{}}
	found := map[string]bool{}
	for _, v := range all {
		found[v.SubnetId] = true
		if !wanted(in.SubnetIds, v.SubnetId) {
			continue
		}
		ok, err := matchFilters(in.Filters, v.Tags, func(name string) ([]string, bool) {
			switch name {
			case "subnet-id":
				return []string{v.SubnetId}, true
			case "vpc-id":
				return []string{v.VpcId}, true
			case "cidr-block", "cidr", "cidrBlock":
				return []string{v.CidrBlock}, true
			case "availability-zone", "availabilityZone":
				return []string{v.AvailabilityZone}, true
			case "default-for-az", "defaultForAz":
				return []string{boolString(v.DefaultForAz)}, true
			case "state":
				return []string{v.State}, true
			}
			return nil, false
		})
		if err != nil {
			return nil, err
		}
		if ok {
			v.Tags = nonNilTags(v.Tags)
			out.Subnets = append(out.Subnets, v)
		}
	}
	if id, ok := missing(in.SubnetIds, found); ok {
		return nil, subnetNotFound(id)
	}
	return out, nil
}
