package ec2

import "time"

// Wire shapes, named as EC2's model names them. `ec2:"…"` gives the EC2 wire name
// where the model renames a member (input: the query name, "Filter" for Filters;
// output: the element name, "tagSet" for Tags); see protocol/ec2query.go. The
// output shapes double as the stored documents (store.go); members tagged
// `aws:"-"` are the simulator's own bookkeeping and never go on the wire.

// Tag is a resource tag (input Tag.N.Key, output <tagSet><item><key>).
type Tag struct {
	Key   string
	Value string
}

// Filter is one Describe* filter (Filter.N.Name, Filter.N.Value.M).
type Filter struct {
	Name   string
	Values []string `ec2:"Value"`
}

// TagSpecification tags resources at creation (TagSpecification.N.Tag.M.Key).
type TagSpecification struct {
	ResourceType string
	Tags         []Tag `ec2:"Tag"`
}

// Vpc is a VPC.
type Vpc struct {
	VpcId           string
	OwnerId         string
	State           string
	CidrBlock       string
	DhcpOptionsId   string
	InstanceTenancy string
	IsDefault       bool
	Tags            []Tag `ec2:"tagSet"`
}

// Subnet is a subnet.
type Subnet struct {
	SubnetId                string
	SubnetArn               string
	VpcId                   string
	State                   string
	CidrBlock               string
	AvailabilityZone        string
	AvailableIpAddressCount int32
	DefaultForAz            bool
	MapPublicIpOnLaunch     bool
	OwnerId                 string
	Tags                    []Tag `ec2:"tagSet"`
}

// InternetGatewayAttachment is an IGW's attachment to a VPC.
type InternetGatewayAttachment struct {
	State string
	VpcId string
}

// InternetGateway is an internet gateway.
type InternetGateway struct {
	InternetGatewayId string
	OwnerId           string
	Attachments       []InternetGatewayAttachment `ec2:"attachmentSet"`
	Tags              []Tag                       `ec2:"tagSet"`
}

// IpRange is an IPv4 CIDR of a security group rule.
type IpRange struct {
	CidrIp      string
	Description *string
}

// IpPermission is one security group rule (input IpPermissions.N.IpRanges.M.CidrIp,
// output <ipPermissions><item><ipRanges><item><cidrIp>).
type IpPermission struct {
	IpProtocol string
	FromPort   *int32
	ToPort     *int32
	IpRanges   []IpRange
}

// SecurityGroup is a security group.
type SecurityGroup struct {
	GroupId             string
	GroupName           string
	Description         string `ec2:"groupDescription"`
	OwnerId             string
	VpcId               string
	SecurityGroupArn    string
	IpPermissions       []IpPermission
	IpPermissionsEgress []IpPermission
	Tags                []Tag `ec2:"tagSet"`
}

// GroupIdentifier names a security group an instance is in.
type GroupIdentifier struct {
	GroupId   string
	GroupName string
}

// InstanceState is an instance's state (code 0 pending, 16 running, 32
// shutting-down, 48 terminated).
type InstanceState struct {
	Code int32
	Name string
}

// Placement is where an instance runs.
type Placement struct {
	AvailabilityZone string
	Tenancy          string
}

// Instance is an instance. State and the DNS names are derived when it is read
// (state.go); LaunchTime and TerminatedAt drive the life cycle.
type Instance struct {
	InstanceId       string
	ImageId          string
	State            InstanceState `ec2:"instanceState"`
	PrivateDnsName   string
	PublicDnsName    string `ec2:"dnsName"`
	KeyName          *string
	AmiLaunchIndex   int32
	InstanceType     string
	LaunchTime       time.Time
	Placement        Placement
	SubnetId         string
	VpcId            string
	PrivateIpAddress string
	PublicIpAddress  *string `ec2:"ipAddress"`
	Architecture     string
	RootDeviceType   string
	SecurityGroups   []GroupIdentifier `ec2:"groupSet"`
	Tags             []Tag             `ec2:"tagSet"`

	ReservationId string     `aws:"-"`
	TerminatedAt  *time.Time `aws:"-"`
}

// Reservation is one RunInstances call's instances.
type Reservation struct {
	ReservationId string
	OwnerId       string
	Groups        []GroupIdentifier `ec2:"groupSet"`
	Instances     []Instance        `ec2:"instancesSet"`
}
