package cloudtrail

import (
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
)

var insightTypes = map[string]bool{"ApiCallRateInsight": true, "ApiErrorRateInsight": true}

// trailRef is the trail a Put/GetInsightSelectors call names; the simulator has no
// event data stores.
func trailRef(trailName, eventDataStore *string) (string, error) {
	switch {
	case trailName != nil && eventDataStore != nil:
		return "", invalidParameterCombination("You cannot specify both TrailName and EventDataStore.")
	case eventDataStore != nil:
		return "", errorf("UnsupportedOperationException", "The simulator does not support event data stores.")
	case trailName == nil || *trailName == "":
		return "", errorf("InvalidParameterCombinationException", "You must specify a TrailName or an EventDataStore.")
	}
	return *trailName, nil
}

func (s *Service) putInsightSelectors(c *service.Call, in *putInsightSelectorsInput) (*insightSelectorsOutput, error) {
	ref, err := trailRef(in.TrailName, in.EventDataStore)
	if err != nil {
		return nil, err
	}
	needWrite := false
	for _, is := range in.InsightSelectors {
		if is.InsightType == nil || !insightTypes[*is.InsightType] {
			return nil, invalidInsights("Insight type is not valid. Valid values are ApiCallRateInsight and ApiErrorRateInsight.")
		}
		for _, cat := range is.EventCategories {
			if cat != "Management" && cat != "Data" {
				return nil, invalidInsights("Event category %s is not valid. Valid values are Management and Data.", cat)
			}
		}
		needWrite = needWrite || *is.InsightType == "ApiCallRateInsight"
	}
	t, err := s.authorized(c, "cloudtrail:PutInsightSelectors", ref, true)
	if err != nil {
		return nil, err
	}
	if len(in.InsightSelectors) > 0 && !t.logsManagement(needWrite) {
		return nil, invalidInsights("Insights require the trail to log management events (write management events for ApiCallRateInsight).")
	}
	t, err = s.update(c.Ctx, t.ARN, func(t *trailState) error {
		was := len(t.Insights) > 0
		t.Insights = in.InsightSelectors
		switch {
		case len(t.Insights) == 0:
			// Turning Insights off forgets the baseline.
			t.Insights, t.InsightStats, t.InsightsSince, t.InsightsFrom = nil, nil, time.Time{}, time.Time{}
		case !was && t.Logging:
			t.startInsights(c.Now)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := &insightSelectorsOutput{TrailARN: str(t.ARN), InsightSelectors: t.Insights}
	if out.InsightSelectors == nil {
		out.InsightSelectors = []InsightSelector{}
	}
	return out, nil
}

func (s *Service) getInsightSelectors(c *service.Call, in *getInsightSelectorsInput) (*insightSelectorsOutput, error) {
	ref, err := trailRef(in.TrailName, in.EventDataStore)
	if err != nil {
		return nil, err
	}
	t, err := s.authorized(c, "cloudtrail:GetInsightSelectors", ref, false)
	if err != nil {
		return nil, err
	}
	if len(t.Insights) == 0 {
		return nil, errorf("InsightNotEnabledException", "Trail %s does not have Insights enabled.", t.ARN)
	}
	return &insightSelectorsOutput{TrailARN: str(t.ARN), InsightSelectors: t.Insights}, nil
}

// logsManagement reports whether the trail logs management events (write ones when
// write is set), which Insights analyses.
func (t *trailState) logsManagement(write bool) bool {
	probe := matchInput{management: true, readOnly: !write, source: "cloudtrail.amazonaws.com", name: "Probe"}
	return t.selects(&probe)
}
