package cloudwatch

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// javaDouble formats v as Java's Double.toString does, which is how CloudWatch
// prints values and thresholds in state reasons and notifications: "200.0",
// "94.10166666666666", "1.0E7".
func javaDouble(v float64) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	if math.IsInf(v, 0) {
		if v > 0 {
			return "Infinity"
		}
		return "-Infinity"
	}
	a := math.Abs(v)
	if a == 0 || (a >= 1e-3 && a < 1e7) {
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	s := strconv.FormatFloat(v, 'E', -1, 64)
	mant, exp, _ := strings.Cut(s, "E")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	e, _ := strconv.Atoi(exp)
	return mant + "E" + strconv.Itoa(e)
}

// reasonTime is the datapoint time format of state reasons: dd/MM/yy HH:mm:ss (UTC).
func reasonTime(ts int64) string { return fromMS(ts).Format("02/01/06 15:04:05") }

// isoMillis is the timestamp format of StateReasonData and notifications.
func isoMillis(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000-0700") }

// evalPoint is one period of an evaluation: its statistic when data exists.
type evalPoint struct {
	ts        int64 // period start, ms
	value     float64
	samples   float64
	present   bool
	breaching bool
}

var operatorWords = map[string]string{
	"GreaterThanThreshold":          "greater than",
	"GreaterThanOrEqualToThreshold": "greater than or equal to",
	"LessThanThreshold":             "less than",
	"LessThanOrEqualToThreshold":    "less than or equal to",
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// listPoints renders "[250.5 (01/03/26 18:00:00), …]", newest first.
func listPoints(ps []evalPoint) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = fmt.Sprintf("%s (%s)", javaDouble(p.value), reasonTime(p.ts))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// thresholdReason words a threshold crossing as CloudWatch does, e.g.
// "Threshold Crossed: 1 out of the last 1 datapoints [250.5 (01/03/26 18:00:00)] was
// greater than the threshold (200.0) (minimum 1 datapoint for OK -> ALARM transition)."
// listed are the datapoints that decided it (breaching ones for ALARM, the others for
// OK), newest first.
func thresholdReason(a *alarm, newState string, listed []evalPoint, n int) string {
	words := operatorWords[a.cfg.ComparisonOperator]
	verb := plural(len(listed), "was", "were")
	if newState == stateOK {
		words = "not " + words
	}
	m := a.m()
	transition := "OK -> ALARM"
	if newState == stateOK {
		transition = "ALARM -> OK"
		m = n - a.m() + 1
	}
	return fmt.Sprintf("Threshold Crossed: %d out of the last %d datapoints %s %s %s the threshold (%s) (minimum %d %s for %s transition).",
		len(listed), n, listPoints(listed), verb, words, javaDouble(deref(a.cfg.Threshold)), m, plural(m, "datapoint", "datapoints"), transition)
}

// missingReason words the all-missing case treated as breaching or not.
func missingReason(n int, treatedAs string) string {
	return fmt.Sprintf("Threshold Crossed: no datapoints were received for %d %s and %d missing %s treated as [%s].",
		n, plural(n, "period", "periods"), n, plural(n, "datapoint was", "datapoints were"), treatedAs)
}

func insufficientReason(n int) string {
	return fmt.Sprintf("Insufficient Data: %d %s unknown.", n, plural(n, "datapoint was", "datapoints were"))
}

// reasonData is the StateReasonData JSON of an evaluation; numbers are written as
// Java doubles so they read exactly as AWS's ("threshold":200.0).
func reasonData(a *alarm, pts []evalPoint, now time.Time) string {
	var b strings.Builder
	b.WriteString(`{"version":"1.0","queryDate":"`)
	b.WriteString(isoMillis(now))
	b.WriteString(`"`)
	if len(pts) > 0 {
		fmt.Fprintf(&b, `,"startDate":"%s"`, isoMillis(fromMS(pts[len(pts)-1].ts)))
	}
	fmt.Fprintf(&b, `,"statistic":%q,"period":%d,"recentDatapoints":[`, a.cfg.Statistic, a.cfg.Period)
	first := true
	for i := len(pts) - 1; i >= 0; i-- {
		if !pts[i].present {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(javaDouble(pts[i].value))
	}
	fmt.Fprintf(&b, `],"threshold":%s,"evaluatedDatapoints":[`, javaDouble(deref(a.cfg.Threshold)))
	for i, p := range pts {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"timestamp":"%s"`, isoMillis(fromMS(p.ts)))
		if p.present {
			fmt.Fprintf(&b, `,"sampleCount":%s,"value":%s`, javaDouble(p.samples), javaDouble(p.value))
		}
		b.WriteByte('}')
	}
	b.WriteString("]}")
	return b.String()
}

// stateHistoryData is the HistoryData of a StateUpdate item.
func stateHistoryData(oldState, oldReason, newState, newReason, newData string) string {
	q := jsonQuote
	s := fmt.Sprintf(`{"version":"1.0","oldState":{"stateValue":%s,"stateReason":%s},"newState":{"stateValue":%s,"stateReason":%s`,
		q(oldState), q(oldReason), q(newState), q(newReason))
	if newData != "" {
		s += `,"stateReasonData":` + newData
	}
	return s + "}}"
}

// jsonQuote is s as a JSON string literal.
func jsonQuote(unq string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range unq {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
