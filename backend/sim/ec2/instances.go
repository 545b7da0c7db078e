package ec2

import (
	"crypto/rand"
	"fmt"
	"net/netip"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// RunInstancesInput is RunInstances' input (the members the lab and the CLI use).
type RunInstancesInput struct {
	ImageId           string
	InstanceType      *string
	MinCount          *int32
	MaxCount          *int32
	KeyName           *string
	SubnetId          *string
	SecurityGroupIds  []string           `ec2:"SecurityGroupId"`
	SecurityGroups    []string           `ec2:"SecurityGroup"`
	TagSpecifications []TagSpecification `ec2:"TagSpecification"`
	DryRun            *bool
}

// RunInstancesOutput is the new reservation.
type RunInstancesOutput struct {
	Reservation
}

// maxInstancesPerCall keeps a lab account small, like a new account's vCPU quota.
const maxInstancesPerCall = 20

func (s *Service) runInstances(c *service.Call, in *RunInstancesInput) (*RunInstancesOutput, error) {
	if !strings.HasPrefix(in.ImageId, "ami-") {
		return nil, amiMalformed(in.ImageId)
	}
	typ := "m1.small" // EC2's historical default
	if in.InstanceType != nil {
		typ = *in.InstanceType
	}
	if _, ok := hourlyUSD[typ]; !ok {
		return nil, invalidParameterValue("Invalid value '%s' for InstanceType.", typ)
	}
	minN, maxN := int32(1), int32(1)
	if in.MinCount != nil {
		minN = *in.MinCount
	}
	if in.MaxCount != nil {
		maxN = *in.MaxCount
	}
	if minN < 1 || maxN < minN {
		return nil, invalidParameterValue("Invalid value '%d' for minCount. Must be between 1 and maxCount.", minN)
	}
	if minN > maxInstancesPerCall {
		return nil, instanceLimitExceeded()
	}
	maxN = min(maxN, maxInstancesPerCall)
	if err := authorize(c, "ec2:RunInstances", s.arn(c, "instance", "*"), in.DryRun); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sub, err := s.launchSubnet(c, in.SubnetId)
	if err != nil {
		return nil, err
	}
	groups, err := s.launchGroups(c, sub.VpcId, in.SecurityGroupIds, in.SecurityGroups)
	if err != nil {
		return nil, err
	}
	public, err := s.hasInternet(c, sub)
	if err != nil {
		return nil, err
	}
	existing, err := list[Instance](c.Ctx, s, kindInstance)
	if err != nil {
		return nil, err
	}
	used := 0
	for _, i := range existing {
		if i.SubnetId == sub.SubnetId {
			used++
		}
	}
	res := Reservation{ReservationId: newID("r"), OwnerId: s.account, Groups: []GroupIdentifier{}, Instances: []Instance{}}
	tags := tagsFor(in.TagSpecifications, "instance")
	for n := range maxN {
		ip := hostAddr(sub.CidrBlock, 4+used+int(n))
		inst := Instance{
			InstanceId: newID("i"), ImageId: in.ImageId, KeyName: in.KeyName, AmiLaunchIndex: n, InstanceType: typ,
			LaunchTime: c.Now.UTC().Truncate(1e9), Placement: Placement{AvailabilityZone: sub.AvailabilityZone, Tenancy: "default"},
			SubnetId: sub.SubnetId, VpcId: sub.VpcId, PrivateIpAddress: ip,
			PrivateDnsName: "ip-" + strings.ReplaceAll(ip, ".", "-") + "." + c.Region + ".compute.internal",
			Architecture:   "x86_64", RootDeviceType: "ebs", SecurityGroups: groups,
			Tags: append([]Tag(nil), tags...), ReservationId: res.ReservationId,
		}
		if public {
			pub := publicIP()
			inst.PublicIpAddress = &pub
			inst.PublicDnsName = "ec2-" + strings.ReplaceAll(pub, ".", "-") + "." + c.Region + ".compute.amazonaws.com"
		}
		if err := s.put(c.Ctx, kindInstance, inst.InstanceId, inst); err != nil {
			return nil, err
		}
		res.Instances = append(res.Instances, inst.at(c.Now))
		touched(c, resInstance, inst.InstanceId)
	}
	return &RunInstancesOutput{Reservation: res}, nil
}

// launchSubnet is the subnet named, or the default VPC's default subnet.
func (s *Service) launchSubnet(c *service.Call, id *string) (Subnet, error) {
	var sub Subnet
	if id != nil && *id != "" {
		ok, err := s.get(c.Ctx, kindSubnet, *id, &sub)
		if err == nil && !ok {
			err = subnetNotFound(*id)
		}
		return sub, err
	}
	all, err := list[Subnet](c.Ctx, s, kindSubnet)
	if err != nil {
		return sub, err
	}
	for _, sub := range all {
		if sub.DefaultForAz {
			return sub, nil
		}
	}
	return sub, protocolNoDefaultVPC()
}

// launchGroups resolves the groups an instance joins; none means the VPC's default.
func (s *Service) launchGroups(c *service.Call, vpcID string, ids, names []string) ([]GroupIdentifier, error) {
	all, err := list[SecurityGroup](c.Ctx, s, kindSG)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 && len(names) == 0 {
		names = []string{"default"}
	}
	var out []GroupIdentifier
	for _, want := range append(append([]string{}, ids...), names...) {
		found := false
		for _, g := range all {
			if g.VpcId == vpcID && (g.GroupId == want || g.GroupName == want) {
				out, found = append(out, GroupIdentifier{GroupId: g.GroupId, GroupName: g.GroupName}), true
				break
			}
		}
		if !found {
			return nil, groupNotFound(want)
		}
	}
	return out, nil
}

// hasInternet decides whether instances get a public IPv4 address: the subnet
// auto-assigns one, or its VPC has an internet gateway (the simulator's shortcut
// for the lab's "public subnet", which has no route tables to consult).
func (s *Service) hasInternet(c *service.Call, sub Subnet) (bool, error) {
	if sub.MapPublicIpOnLaunch {
		return true, nil
	}
	igws, err := list[InternetGateway](c.Ctx, s, kindIGW)
	if err != nil {
		return false, err
	}
	for _, g := range igws {
		for _, a := range g.Attachments {
			if a.VpcId == sub.VpcId {
				return true, nil
			}
		}
	}
	return false, nil
}

// hostAddr is the n-th address of cidr (AWS reserves the first four).
func hostAddr(cidr string, n int) string {
	p, err := netip.ParsePrefix(cidr)
	if err != nil {
		return ""
	}
	a := p.Addr().As4()
	v := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	v += uint32(n)
	return fmt.Sprintf("%d.%d.%d.%d", v>>24, byte(v>>16), byte(v>>8), byte(v))
}

// publicIP is an address from one of Amazon's Seoul ranges (3.34.0.0/15).
func publicIP() string {
	var b [2]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("3.%d.%d.%d", 34+int(b[0]&1), b[1], 1+int(b[0]>>1)%254)
}

// DescribeInstancesInput is DescribeInstances' input.
type DescribeInstancesInput struct {
	InstanceIds []string `ec2:"InstanceId"`
	Filters     []Filter `ec2:"Filter"`
	MaxResults  *int32
	NextToken   *string
	DryRun      *bool
}

// DescribeInstancesOutput is DescribeInstances' output.
type DescribeInstancesOutput struct {
	Reservations []Reservation `ec2:"reservationSet"`
}

func (s *Service) describeInstances(c *service.Call, in *DescribeInstancesInput) (*DescribeInstancesOutput, error) {
	if err := authorize(c, "ec2:DescribeInstances", "", in.DryRun); err != nil {
		return nil, err
	}
	all, err := list[Instance](c.Ctx, s, kindInstance)
	if err != nil {
		return nil, err
	}
	groups, err := list[SecurityGroup](c.Ctx, s, kindSG)
	if err != nil {
		return nil, err
	}
	out := &DescribeInstancesOutput{Reservations: []Reservation{}}
	byRes := map[string]int{}
	found := map[string]bool{}
	for _, raw := range all {
		found[raw.InstanceId] = true
		if !wanted(in.InstanceIds, raw.InstanceId) {
			continue
		}
		inst := raw.at(c.Now)
		ok, err := matchFilters(in.Filters, inst.Tags, instanceAttrs(inst, groups))
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		i, seen := byRes[inst.ReservationId]
		if !seen {
			i = len(out.Reservations)
			byRes[inst.ReservationId] = i
			out.Reservations = append(out.Reservations, Reservation{ReservationId: inst.ReservationId, OwnerId: s.account, Groups: []GroupIdentifier{}})
		}
		out.Reservations[i].Instances = append(out.Reservations[i].Instances, inst)
	}
	if id, ok := missing(in.InstanceIds, found); ok {
		return nil, instanceNotFound(id)
	}
	return out, nil
}

// instanceAttrs are the DescribeInstances filters the simulator supports.
func instanceAttrs(i Instance, _ []SecurityGroup) attrs {
	return func(name string) ([]string, bool) {
		switch name {
		case "instance-state-name":
			return []string{i.State.Name}, true
		case "instance-state-code":
			return []string{fmt.Sprint(i.State.Code)}, true
		case "instance-id":
			return []string{i.InstanceId}, true
		case "instance-type":
			return []string{i.InstanceType}, true
		case "image-id":
			return []string{i.ImageId}, true
		case "vpc-id":
			return []string{i.VpcId}, true
		case "subnet-id":
			return []string{i.SubnetId}, true
		case "reservation-id":
			return []string{i.ReservationId}, true
		case "private-ip-address":
			return []string{i.PrivateIpAddress}, true
		case "ip-address":
			return []string{deref(i.PublicIpAddress)}, true
		case "key-name":
			return []string{deref(i.KeyName)}, true
		case "availability-zone":
			return []string{i.Placement.AvailabilityZone}, true
		case "instance.group-id", "group-id", "instance.group-name", "group-name":
			var v []string
			for _, g := range i.SecurityGroups {
				if strings.HasSuffix(name, "id") {
					v = append(v, g.GroupId)
				} else {
					v = append(v, g.GroupName)
				}
			}
			return v, true
		}
		return nil, false
	}
}

// TerminateInstancesInput is TerminateInstances' input.
type TerminateInstancesInput struct {
	InstanceIds []string `ec2:"InstanceId"`
	DryRun      *bool
}

// InstanceStateChange is one instance's transition.
type InstanceStateChange struct {
	InstanceId    string
	CurrentState  InstanceState
	PreviousState InstanceState
}

// TerminateInstancesOutput is TerminateInstances' output.
type TerminateInstancesOutput struct {
	TerminatingInstances []InstanceStateChange `ec2:"instancesSet"`
}

func (s *Service) terminateInstances(c *service.Call, in *TerminateInstancesInput) (*TerminateInstancesOutput, error) {
	if len(in.InstanceIds) == 0 {
		return nil, missingParameter("instanceId")
	}
	for _, id := range in.InstanceIds {
		if err := authorize(c, "ec2:TerminateInstances", s.arn(c, "instance", id), in.DryRun); err != nil {
			return nil, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &TerminateInstancesOutput{TerminatingInstances: []InstanceStateChange{}}
	insts := make([]Instance, 0, len(in.InstanceIds))
	for _, id := range in.InstanceIds {
		var inst Instance
		ok, err := s.get(c.Ctx, kindInstance, id, &inst)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, instanceNotFound(id)
		}
		insts = append(insts, inst)
	}
	for _, inst := range insts {
		prev := inst.at(c.Now).State
		if inst.TerminatedAt == nil {
			now := c.Now
			inst.TerminatedAt = &now
			if err := s.put(c.Ctx, kindInstance, inst.InstanceId, inst); err != nil {
				return nil, err
			}
		}
		touched(c, resInstance, inst.InstanceId)
		out.TerminatingInstances = append(out.TerminatingInstances, InstanceStateChange{InstanceId: inst.InstanceId, CurrentState: inst.at(c.Now).State, PreviousState: prev})
	}
	return out, nil
}
