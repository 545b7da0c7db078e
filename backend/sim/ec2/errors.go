package ec2

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
)

// EC2's error answers. EC2 has its own vocabulary: a denial is
// UnauthorizedOperation (403), not AccessDenied, and "not found" errors are
// 400s named after the ID kind (InvalidVpcID.NotFound).

// authorize asks IAM and rewords a denial as EC2 does: "You are not authorized to
// perform this operation. User: … is not authorized to perform: ec2:RunInstances on
// resource: …". (Real EC2 appends an encoded authorization failure message; the
// simulator does not, since nothing here could decode it.) With dryRun set, an
// allowed call stops at DryRunOperation, as EC2's DryRun parameter promises.
func authorize(c *service.Call, action, resource string, dryRun *bool) error {
	err := c.Authorize(action, resource)
	var pe *protocol.Error
	if errors.As(err, &pe) && pe.Code == "AccessDenied" {
		return protocol.NewError(http.StatusForbidden, "UnauthorizedOperation", "You are not authorized to perform this operation. "+pe.Message)
	}
	if err != nil {
		return err
	}
	if dryRun != nil && *dryRun {
		return protocol.NewError(http.StatusPreconditionFailed, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.")
	}
	return nil
}

func invalidParameterValue(format string, args ...any) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidParameterValue", format, args...)
}

func missingParameter(name string) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "MissingParameter", "The request must contain the parameter %s", name)
}

func vpcNotFound(id string) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidVpcID.NotFound", "The vpc ID '%s' does not exist", id)
}

func subnetNotFound(id string) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidSubnetID.NotFound", "The subnet ID '%s' does not exist", id)
}

func groupNotFound(id string) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidGroup.NotFound", "The security group '%s' does not exist", id)
}

func instanceNotFound(id string) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidInstanceID.NotFound", "The instance ID '%s' does not exist", id)
}

func igwNotFound(id string) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidInternetGatewayID.NotFound", "The internetGateway ID '%s' does not exist", id)
}

func protocolInvalidRange(cidr string) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidVpc.Range", "The CIDR '%s' is invalid.", cidr)
}

func protocolInvalidSubnetRange(cidr string) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidSubnet.Range", "The CIDR '%s' is invalid.", cidr)
}

func resourceAlreadyAssociated(igw, vpc string) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "Resource.AlreadyAssociated", "resource %s is already attached to network %s", igw, vpc)
}

func duplicateGroup(name, vpc string) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidGroup.Duplicate", "The security group '%s' already exists for VPC '%s'", name, vpc)
}

func duplicatePermission(group, proto, cidr string, from, to int32) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidPermission.Duplicate",
		"the specified rule \"peer: %s, %s, from port: %d, to port: %d, ALLOW\" already exists", cidr, strings.ToUpper(proto), from, to)
}

func amiMalformed(id string) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidAMIID.Malformed", "Invalid id: \"%s\" (expecting \"ami-...\")", id)
}

func instanceLimitExceeded() *protocol.Error {
	return protocol.NewError(http.StatusBadRequest, "InstanceLimitExceeded", "You have requested more instances than your current instance limit allows for the specified instance type.")
}

func protocolNoDefaultVPC() *protocol.Error {
	return protocol.NewError(http.StatusBadRequest, "VPCIdNotSpecified", "No default VPC for this user")
}
