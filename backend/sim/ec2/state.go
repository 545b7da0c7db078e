package ec2

import "time"

// bootTime is how long a new instance stays pending on the simulated clock before
// it is running, about what a t2.micro with Amazon Linux takes.
const bootTime = 30 * time.Second

// Instance state codes, as EC2 numbers them.
var (
	statePending      = InstanceState{Code: 0, Name: "pending"}
	stateRunning      = InstanceState{Code: 16, Name: "running"}
	stateShuttingDown = InstanceState{Code: 32, Name: "shutting-down"}
	stateTerminated   = InstanceState{Code: 48, Name: "terminated"}
)

// terminateTime is how long shutting-down lasts before terminated.
const terminateTime = 30 * time.Second

// at derives the instance as seen at simulated time now: its state from launch and
// termination times (so the life cycle needs no background job), and no addresses
// once terminated.
func (i Instance) at(now time.Time) Instance {
	switch {
	case i.TerminatedAt != nil && now.Sub(*i.TerminatedAt) >= terminateTime:
		i.State = stateTerminated
		i.PublicIpAddress, i.PublicDnsName, i.PrivateDnsName = nil, "", ""
	case i.TerminatedAt != nil:
		i.State = stateShuttingDown
	case now.Sub(i.LaunchTime) >= bootTime:
		i.State = stateRunning
	default:
		i.State = statePending
	}
	if i.Tags == nil {
		i.Tags = []Tag{}
	}
	return i
}

// billable reports whether EC2 charges for the instance at now (running or booting).
func (i Instance) billable(now time.Time) bool {
	st := i.at(now).State
	return st == statePending || st == stateRunning
}
