package protocol

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Scalar text forms shared by the codecs. AWS's own conventions:
//   - awsQuery/restXml timestamps are ISO 8601 UTC; IAM sends whole seconds
//     ("2013-06-20T17:13:56Z"), CloudWatch and STS milliseconds
//     ("2011-07-15T23:28:33.359Z"). We send seconds when the value has no
//     millisecond part, else milliseconds; smithy-go and botocore accept both.
//   - awsJson timestamps are epoch seconds as doubles with millisecond
//     precision (smithy-go FormatEpochSeconds; Coral writes doubles too).
//   - Doubles are written like AWS's Java services do ("80.0"); NaN and the
//     infinities as "NaN", "Infinity", "-Infinity".

// formatISO8601 renders t as AWS's ISO 8601 UTC form.
func formatISO8601(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond()/int(time.Millisecond) == 0 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format("2006-01-02T15:04:05.000Z")
}

// appendEpochSeconds appends t as epoch seconds, always as a JSON double
// ("1795322100.0", "1795322100.123"): AWS's Coral services send doubles
// (1.422997395969E9), and AWS CLI v1 prints the parsed wire value, so an
// integer here would show as 1795322100 where AWS shows 1795322100.0.
func appendEpochSeconds(b []byte, t time.Time) []byte {
	ms := t.UnixMilli()
	if ms%1000 == 0 {
		b = strconv.AppendInt(b, ms/1000, 10)
		return append(b, ".0"...)
	}
	return strconv.AppendFloat(b, epochSecondsFloat(ms), 'f', -1, 64)
}

// epochSecondsFloat returns ms/1000 as the float64 f closest to it for which
// int64(f*1e3) == ms. smithy-go turns fractional epoch seconds back into
// milliseconds by multiplying and truncating, so the plain quotient loses a
// millisecond for about 0.6% of instants; one ulp of nudge fixes that and is
// far below the microsecond rounding botocore applies.
func epochSecondsFloat(ms int64) float64 {
	f := float64(ms) / 1e3
	for i := 0; i < 4; i++ {
		switch got := int64(f * 1e3); {
		case got < ms:
			f = math.Nextafter(f, math.Inf(1))
		case got > ms:
			f = math.Nextafter(f, math.Inf(-1))
		default:
			return f
		}
	}
	return f
}

// epochTime converts epoch seconds to a UTC time with millisecond precision,
// which is what every AWS SDK keeps.
func epochTime(f float64) (time.Time, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e14 {
		return time.Time{}, false
	}
	return time.UnixMilli(int64(math.Round(f * 1e3))).UTC(), true
}

// isoLayouts are the timestamp spellings accepted on input: what botocore
// (with or without microseconds), smithy-go and humans send.
var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
	time.RFC1123,
}

// parseTimeString accepts ISO 8601 / RFC 3339 forms and epoch seconds.
func parseTimeString(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return epochTime(f)
	}
	for _, layout := range isoLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// appendDouble appends f in the AWS text form (see package comment above).
func appendDouble(b []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, "NaN"...)
	case math.IsInf(f, 1):
		return append(b, "Infinity"...)
	case math.IsInf(f, -1):
		return append(b, "-Infinity"...)
	}
	abs := math.Abs(f)
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		return strconv.AppendFloat(b, f, 'e', -1, bits)
	}
	start := len(b)
	b = strconv.AppendFloat(b, f, 'f', -1, bits)
	if !strings.ContainsRune(string(b[start:]), '.') {
		b = append(b, ".0"...)
	}
	return b
}

// parseDouble parses a decimal or one of AWS's special float spellings.
func parseDouble(s string, bits int) (float64, bool) {
	switch s {
	case "NaN":
		return math.NaN(), true
	case "Infinity":
		return math.Inf(1), true
	case "-Infinity":
		return math.Inf(-1), true
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), bits)
	if err != nil {
		return 0, false
	}
	return f, true
}

// parseInt parses an integer that must fit in bits; integral decimals such as
// "5.0" are accepted because some clients send whole numbers that way.
func parseInt(s string, bits int) (int64, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, bits); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return floatToInt(f, bits)
}

// parseUint is parseInt for unsigned targets.
func parseUint(s string, bits int) (uint64, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseUint(s, 10, bits); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return floatToUint(f, bits)
}

// floatToInt converts an integral f that fits in a signed bits-wide integer.
func floatToInt(f float64, bits int) (int64, bool) {
	if f != math.Trunc(f) || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	limit := math.Ldexp(1, bits-1)
	if f < -limit || f >= limit {
		return 0, false
	}
	return int64(f), true
}

// floatToUint converts an integral, non-negative f that fits in bits.
func floatToUint(f float64, bits int) (uint64, bool) {
	if f != math.Trunc(f) || math.IsInf(f, 0) || math.IsNaN(f) || f < 0 || f >= math.Ldexp(1, bits) {
		return 0, false
	}
	return uint64(f), true
}

// intFits reports whether n fits in a signed bits-wide integer.
func intFits(n int64, bits int) bool {
	if bits >= 64 {
		return true
	}
	limit := int64(1) << (bits - 1)
	return n >= -limit && n < limit
}

// uintFits reports whether n fits in an unsigned bits-wide integer.
func uintFits(n uint64, bits int) bool {
	return bits >= 64 || n < uint64(1)<<bits
}
