package ec2

import "context"

// hourlyUSD are the On-Demand Linux prices in Seoul (ap-northeast-2) of the
// instance types the simulator launches; RunInstances refuses other types, so
// every instance has a price.
var hourlyUSD = map[string]float64{
	"t2.nano":  0.0072,
	"t2.micro": 0.0144,
	"t2.small": 0.0288,
	"t3.nano":  0.0065,
	"t3.micro": 0.013,
	"t3.small": 0.026,
	"m1.small": 0.047,
}

// ServiceName implements billing.CostSource: instances are billed as AmazonEC2.
func (s *Service) ServiceName() string { return "AmazonEC2" }

// HourlyUSD implements billing.CostSource: what the pending and running instances
// cost per hour at the simulated now.
func (s *Service) HourlyUSD(ctx context.Context) (float64, error) {
	insts, err := list[Instance](ctx, s, kindInstance)
	if err != nil {
		return 0, err
	}
	now := s.now()
	var usd float64
	for _, i := range insts {
		if i.billable(now) {
			usd += hourlyUSD[i.InstanceType]
		}
	}
	return usd, nil
}
