package cloudtrail

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/trail"
)

// Insights in the simulator.
//
// AWS learns a 7-day baseline of each API's calls (or errors) per minute and needs up
// to 36 hours before the first Insights event; a lab cannot wait that long, so the
// simulator uses a simplified rule that a fast-forward of the simulated clock
// exercises in minutes:
//
//   - Per trail, per region, per event source and event name, and per insight type,
//     it counts each minute's calls: write management events for ApiCallRateInsight,
//     management events (read or write) that returned an error code for
//     ApiErrorRateInsight. Only events the trail logs count; Insights on data events
//     (EventCategories Data) is accepted but not analysed.
//   - The baseline is the average per-minute count over every minute analysed since
//     Insights was turned on for the trail (quiet minutes count as zero), leaving out
//     the minutes of the API's own Insights events.
//   - The first insightLearning (60 simulated minutes) only learn: no Insights events.
//   - A minute is unusual when its count is at least insightMinCount (10) and more than
//     insightFactor (3) times the baseline average. The first unusual minute starts an
//     Insights event (state Start, at that minute); the first later minute that is not
//     unusual by the thresholds of the start ends it (state End, at that minute), with
//     the average over its unusual minutes and insightDuration in minutes.
//
// Insights events are stored for LookupEvents (EventCategory insight) and delivered
// as gzip JSON {"Records":[…]} under AWSLogs/<acct>/CloudTrail-Insight/<region>/
// YYYY/MM/DD/<acct>_CloudTrail-Insight_<region>_<YYYYMMDDTHHmmZ>_<16 chars>.json.gz.
const (
	insightLearning = 60 * time.Minute
	insightMinCount = 10
	insightFactor   = 3.0
	// maxAttributionValues bounds the values kept per attribution attribute.
	maxAttributionValues = 20
	// maxPendingInsights bounds the records kept while delivery fails (the oldest go).
	maxPendingInsights = 1000
	topAttributions    = 5
)

const (
	callRate  = "ApiCallRateInsight"
	errorRate = "ApiErrorRateInsight"
)

// insightStat is one API's baseline and its current Insights event, if any.
type insightStat struct {
	Calls    int64                       // calls in baseline minutes
	Excluded int64                       // minutes spent in Insights events
	Attr     map[string]map[string]int64 // attribute → value → calls in baseline minutes
	Active   *activeInsight              `json:",omitempty"`
}

type activeInsight struct {
	SharedID        string
	Start           time.Time
	Last            time.Time // the last unusual minute
	Minutes         int64
	Calls           int64
	Threshold       float64
	BaselineAverage float64
	BaselineMinutes int64
	BaselineAttr    []attribution
	Attr            map[string]map[string]int64
}

// minuteCount is one API's activity in one minute.
type minuteCount struct {
	calls int64
	attr  map[string]map[string]int64
}

// recordFacts are the fields of a record Insights attributes activity to.
type recordFacts struct {
	UserIdentity struct {
		ARN string `json:"arn"`
	} `json:"userIdentity"`
	UserAgent string `json:"userAgent"`
	ErrorCode string `json:"errorCode"`
}

func (t *trailState) insightTypes() map[string]bool {
	on := map[string]bool{}
	for _, is := range t.Insights {
		if is.InsightType != nil {
			on[*is.InsightType] = true
		}
	}
	return on
}

// startInsights begins analysis at now: the baseline starts empty.
func (t *trailState) startInsights(now time.Time) {
	from := now.Truncate(time.Minute)
	t.InsightsSince, t.InsightsFrom = from, from
	t.InsightStats = map[string]*insightStat{}
}

// insightsDue analyses the whole minutes up to now and delivers the Insights events
// they raise. Like delivery it catches up after a fast-forward in one pass.
func (s *Service) insightsDue(ctx context.Context, t *trailState, now time.Time) error {
	types := t.insightTypes()
	if len(types) == 0 || s.recorder == nil {
		return nil
	}
	if t.InsightsFrom.IsZero() {
		t.startInsights(now)
	}
	end := now.Truncate(time.Minute)
	if end.After(t.InsightsFrom) {
		counts := map[time.Time]map[string]*minuteCount{}
		err := s.recorder.Range(ctx, t.InsightsFrom, end, t.StartSeq, func(e *trail.Event) error {
			in := inputOf(e)
			if !e.Management || !t.covers(e) || !t.selects(&in) {
				return nil
			}
			var facts recordFacts
			_ = json.Unmarshal(e.Record, &facts)
			minute := e.EventTime.Truncate(time.Minute)
			add := func(kind string) {
				key := kind + "|" + e.Region + "|" + e.EventSource + "|" + e.EventName
				m := counts[minute]
				if m == nil {
					m = map[string]*minuteCount{}
					counts[minute] = m
				}
				mc := m[key]
				if mc == nil {
					mc = &minuteCount{attr: map[string]map[string]int64{}}
					m[key] = mc
				}
				mc.calls++
				errorCode := facts.ErrorCode
				if errorCode == "" {
					errorCode = "null"
				}
				addAttr(mc.attr, "userIdentityArn", facts.UserIdentity.ARN, 1)
				addAttr(mc.attr, "userAgent", facts.UserAgent, 1)
				addAttr(mc.attr, "errorCode", errorCode, 1)
			}
			if types[callRate] && !e.ReadOnly {
				add(callRate)
			}
			if types[errorRate] && facts.ErrorCode != "" {
				add(errorRate)
			}
			return nil
		})
		if err != nil {
			return err
		}
		s.analyse(t, counts, end)
		t.InsightsFrom = end
		if n := len(t.PendingInsights); n > maxPendingInsights {
			t.PendingInsights = append([]json.RawMessage(nil), t.PendingInsights[n-maxPendingInsights:]...)
		}
	}
	return s.deliverInsights(ctx, t, now)
}

func addAttr(m map[string]map[string]int64, attr, value string, n int64) {
	if value == "" {
		return
	}
	vals := m[attr]
	if vals == nil {
		vals = map[string]int64{}
		m[attr] = vals
	}
	if _, ok := vals[value]; !ok && len(vals) >= maxAttributionValues {
		return
	}
	vals[value] += n
}

// analyse walks the minutes with activity, in order, and the quiet minute after each
// Insights event's last unusual minute, which ends it.
func (s *Service) analyse(t *trailState, counts map[time.Time]map[string]*minuteCount, end time.Time) {
	if t.InsightStats == nil {
		t.InsightStats = map[string]*insightStat{}
	}
	minutes := make([]time.Time, 0, len(counts))
	for m := range counts {
		minutes = append(minutes, m)
	}
	sort.Slice(minutes, func(i, j int) bool { return minutes[i].Before(minutes[j]) })
	endQuiet := func(before time.Time) {
		// Insights events whose next minute passed without activity end there.
		for _, key := range sortedKeys(t.InsightStats) {
			st := t.InsightStats[key]
			if st.Active != nil && st.Active.Last.Add(time.Minute).Before(before) {
				s.endInsight(t, key, st, st.Active.Last.Add(time.Minute))
			}
		}
	}
	for _, m := range minutes {
		endQuiet(m)
		keys := map[string]bool{}
		for key := range counts[m] {
			keys[key] = true
		}
		for key, st := range t.InsightStats {
			if st.Active != nil {
				keys[key] = true
			}
		}
		for _, key := range sortedKeys(keys) {
			mc := counts[m][key]
			if mc == nil {
				mc = &minuteCount{attr: map[string]map[string]int64{}}
			}
			s.minute(t, key, m, mc)
		}
	}
	endQuiet(end)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// minute applies one minute's count of one API.
func (s *Service) minute(t *trailState, key string, m time.Time, mc *minuteCount) {
	st := t.InsightStats[key]
	if st == nil {
		st = &insightStat{Attr: map[string]map[string]int64{}}
		t.InsightStats[key] = st
	}
	if a := st.Active; a != nil {
		if float64(mc.calls) >= insightMinCount && float64(mc.calls) > a.Threshold {
			a.Minutes++
			a.Calls += mc.calls
			a.Last = m
			mergeAttr(a.Attr, mc.attr)
			return
		}
		s.endInsight(t, key, st, m)
	}
	baselineMinutes := int64(m.Sub(t.InsightsSince)/time.Minute) - st.Excluded
	average := 0.0
	if baselineMinutes > 0 {
		average = float64(st.Calls) / float64(baselineMinutes)
	}
	threshold := insightFactor * average
	if m.Sub(t.InsightsSince) >= insightLearning && mc.calls >= insightMinCount && float64(mc.calls) > threshold {
		a := &activeInsight{
			SharedID: newUUID(), Start: m, Last: m, Minutes: 1, Calls: mc.calls, Threshold: threshold,
			BaselineAverage: average, BaselineMinutes: baselineMinutes,
			BaselineAttr: attributions(st.Attr, baselineMinutes), Attr: map[string]map[string]int64{},
		}
		mergeAttr(a.Attr, mc.attr)
		st.Active = a
		t.PendingInsights = append(t.PendingInsights, s.insightRecord(t, key, a, "Start", m))
		return
	}
	st.Calls += mc.calls
	mergeAttr(st.Attr, mc.attr)
}

func mergeAttr(into, from map[string]map[string]int64) {
	for attr, vals := range from {
		for v, n := range vals {
			addAttr(into, attr, v, n)
		}
	}
}

// endInsight ends the key's Insights event at `at`.
func (s *Service) endInsight(t *trailState, key string, st *insightStat, at time.Time) {
	a := st.Active
	st.Active = nil
	st.Excluded += a.Minutes
	t.PendingInsights = append(t.PendingInsights, s.insightRecord(t, key, a, "End", at))
}

// Insights record shapes, members in the order of AWS's examples.
type insightRecord struct {
	EventVersion       string         `json:"eventVersion"`
	EventTime          string         `json:"eventTime"`
	AWSRegion          string         `json:"awsRegion"`
	EventID            string         `json:"eventID"`
	EventType          string         `json:"eventType"`
	RecipientAccountID string         `json:"recipientAccountId"`
	SharedEventID      string         `json:"sharedEventID"`
	InsightDetails     insightDetails `json:"insightDetails"`
	EventCategory      string         `json:"eventCategory"`
}

type insightDetails struct {
	State          string         `json:"state"`
	EventSource    string         `json:"eventSource"`
	EventName      string         `json:"eventName"`
	InsightType    string         `json:"insightType"`
	InsightContext insightContext `json:"insightContext"`
}

type insightContext struct {
	Statistics   insightStatistics `json:"statistics"`
	Attributions []attribution     `json:"attributions"`
}

type insightStatistics struct {
	Baseline         avgValue `json:"baseline"`
	Insight          avgValue `json:"insight"`
	InsightDuration  int64    `json:"insightDuration"`
	BaselineDuration int64    `json:"baselineDuration"`
}

type avgValue struct {
	Average float64 `json:"average"`
}

type attribution struct {
	Attribute string           `json:"attribute"`
	Insight   []attributeValue `json:"insight"`
	Baseline  []attributeValue `json:"baseline"`
}

type attributeValue struct {
	Value   string  `json:"value"`
	Average float64 `json:"average"`
}

// attributions are the top values of each attribute, as per-minute averages over
// minutes.
func attributions(attr map[string]map[string]int64, minutes int64) []attribution {
	out := []attribution{}
	for _, name := range []string{"userIdentityArn", "userAgent", "errorCode"} {
		a := attribution{Attribute: name, Insight: []attributeValue{}, Baseline: []attributeValue{}}
		vals := attr[name]
		keys := sortedKeys(vals)
		sort.SliceStable(keys, func(i, j int) bool { return vals[keys[i]] > vals[keys[j]] })
		for i, k := range keys {
			if i == topAttributions || minutes <= 0 {
				break
			}
			a.Baseline = append(a.Baseline, attributeValue{Value: k, Average: round(float64(vals[k]) / float64(minutes))})
		}
		out = append(out, a)
	}
	return out
}

func round(f float64) float64 {
	return float64(int64(f*1e10+0.5)) / 1e10
}

// insightRecord is the Start or End record of an Insights event.
func (s *Service) insightRecord(t *trailState, key string, a *activeInsight, state string, at time.Time) json.RawMessage {
	parts := strings.SplitN(key, "|", 4)
	kind, region, source, name := parts[0], parts[1], parts[2], parts[3]
	insightAvg, duration := float64(a.Calls)/float64(a.Minutes), a.Minutes
	attrs := attributions(a.Attr, a.Minutes)
	for i := range attrs {
		attrs[i].Insight, attrs[i].Baseline = attrs[i].Baseline, []attributeValue{}
		for _, b := range a.BaselineAttr {
			if b.Attribute == attrs[i].Attribute {
				attrs[i].Baseline = b.Baseline
			}
		}
	}
	rec := insightRecord{
		EventVersion: "1.08", EventTime: trail.FormatTime(at), AWSRegion: region, EventID: newUUID(),
		EventType: "AwsCloudTrailInsight", RecipientAccountID: s.account, SharedEventID: a.SharedID,
		InsightDetails: insightDetails{
			State: state, EventSource: source, EventName: name, InsightType: kind,
			InsightContext: insightContext{
				Statistics: insightStatistics{
					Baseline: avgValue{round(a.BaselineAverage)}, Insight: avgValue{round(insightAvg)},
					InsightDuration: duration, BaselineDuration: a.BaselineMinutes,
				},
				Attributions: attrs,
			},
		},
		EventCategory: "Insight",
	}
	b, _ := json.Marshal(rec)
	return b
}

func newUUID() string {
	var u [16]byte
	_, _ = rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
