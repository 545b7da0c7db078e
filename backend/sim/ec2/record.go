package ec2

import "github.com/labconsole/labconsole/backend/sim/service"

// CloudFormation-style resource types Event history lists EC2 resources under.
const (
	resVpc      = "AWS::EC2::VPC"
	resSubnet   = "AWS::EC2::Subnet"
	resIGW      = "AWS::EC2::InternetGateway"
	resSG       = "AWS::EC2::SecurityGroup"
	resInstance = "AWS::EC2::Instance"
)

// touched lists a resource the call created or changed, so LookupEvents shows it
// in the event's Resources (and can find the event by ResourceName), as it does
// for EC2's write calls.
func touched(c *service.Call, typ, id string) {
	c.Record.Resources = append(c.Record.Resources, service.EventResource{Type: typ, Name: id})
}
