package auth

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// parsed is the authentication input common to header and presigned auth.
type parsed struct {
	fam           Family
	presigned     bool
	alg           string
	cred          string
	sc            scope
	scOK          bool
	signedHeaders string
	signature     string
	t             time.Time
	amzDate       string
	expires       int64
	token         string
}

// parseHeaderAuth reads the Authorization header and the request date.
func parseHeaderAuth(r *http.Request, authz string, now time.Time) (parsed, *Error) {
	p := parsed{}
	if !strings.HasPrefix(authz, "AWS4-") {
		return p, errUnsupportedScheme(DetectFamily(r, ""), authz)
	}
	a := parseAuthHeader(authz)
	p.alg, p.cred, p.signedHeaders, p.signature = a.algorithm, a.credential, a.signedHeaders, a.signature
	p.sc, p.scOK = parseCredential(p.cred)
	p.fam = DetectFamily(r, p.sc.service)
	p.token = r.Header.Get("X-Amz-Security-Token")
	if a.badComponent != "" {
		return p, errMalformed(p.fam,
			"'"+a.badComponent+"' not a valid key=value pair (missing equal-sign) in Authorization header: '"+authz+"'.",
			"AuthorizationHeaderMalformed", msgS3Header+`the authorization component "`+a.badComponent+`" is malformed.`)
	}
	rawDate, useDate := r.Header.Get("X-Amz-Date"), false
	if rawDate == "" {
		rawDate, useDate = r.Header.Get("Date"), true
	}
	var msg strings.Builder
	for i, name := range [3]string{"Credential", "Signature", "SignedHeaders"} {
		have := [3]bool{a.have[0] && p.cred != "", a.have[2] && p.signature != "", a.have[1]}
		if !have[i] {
			msg.WriteString("Authorization header requires '" + name + "' parameter. ")
		}
	}
	partsMissing := msg.Len() > 0
	if rawDate == "" {
		msg.WriteString("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ")
	}
	if msg.Len() > 0 {
		msg.WriteString("Authorization=" + authz)
		if partsMissing {
			return p, errMalformed(p.fam, msg.String(), "AuthorizationHeaderMalformed",
				msgS3Header+"the authorization header requires three components: Credential, SignedHeaders, and Signature.")
		}
		return p, errMalformed(p.fam, msg.String(), "AccessDenied", msgS3NoDate)
	}
	var perr error
	if useDate {
		p.t, perr = http.ParseTime(rawDate)
	} else {
		p.t, perr = time.Parse(isoBasic, rawDate)
	}
	if perr != nil {
		return p, errMalformed(p.fam, "Date must be in ISO-8601 'basic format'. Got '"+rawDate+"'. See http://en.wikipedia.org/wiki/ISO_8601",
			"AccessDenied", msgS3NoDate)
	}
	p.t = p.t.UTC()
	p.amzDate = p.t.Format(isoBasic)
	if d := now.Sub(p.t); d > maxSkew || d < -maxSkew {
		return p, errSkew(p.fam, rawDate, p.t, now)
	}
	return p, nil
}

// parsePresigned reads the X-Amz-* query parameters of a presigned URL.
func parsePresigned(r *http.Request, now time.Time) (parsed, *Error) {
	raw := r.URL.RawQuery
	p := parsed{presigned: true}
	var have [6]bool
	vals := [6]*string{&p.alg, &p.cred, &p.signature, &p.signedHeaders, new(string), new(string)}
	for i, name := range [6]string{qAlgorithm, qCredential, qSignature, qSignedHdrs, qDate, qExpires} {
		*vals[i], have[i] = queryParam(raw, name)
		have[i] = have[i] && *vals[i] != ""
	}
	rawDate, rawExpires := *vals[4], *vals[5]
	p.token, _ = queryParam(raw, qSecToken)
	p.sc, p.scOK = parseCredential(p.cred)
	p.fam = DetectFamily(r, p.sc.service)
	if p.fam == FamilyS3 {
		if have[0] && p.alg != algorithm {
			return p, errAlgorithm(p.fam, p.alg, true)
		}
		if slices.Contains(have[:], false) {
			return p, errMalformed(p.fam, msgS3Presign, "AuthorizationQueryParametersError", msgS3Presign)
		}
	} else {
		var msg strings.Builder
		for i, name := range [5]string{qAlgorithm, qCredential, qSignature, qSignedHdrs, qDate} {
			if !have[i] {
				msg.WriteString("AWS query-string parameters must include '" + name + "'. ")
			}
		}
		if msg.Len() > 0 {
			msg.WriteString("Re-examine the query-string parameters.")
			return p, errMalformed(p.fam, msg.String(), "AuthorizationQueryParametersError", msgS3Presign)
		}
	}
	t, err := time.Parse(isoBasic, rawDate)
	if err != nil {
		return p, errMalformed(p.fam, "Date must be in ISO-8601 'basic format'. Got '"+rawDate+"'. See http://en.wikipedia.org/wiki/ISO_8601",
			"AuthorizationQueryParametersError", `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`)
	}
	p.t, p.amzDate = t, rawDate
	if p.fam != FamilyS3 {
		// Query and JSON services ignore X-Amz-Expires and apply the usual
		// 15-minute window to X-Amz-Date.
		if d := now.Sub(p.t); d > maxSkew || d < -maxSkew {
			return p, errSkew(p.fam, rawDate, p.t, now)
		}
		return p, nil
	}
	exp, err := strconv.ParseInt(rawExpires, 10, 64)
	switch {
	case err != nil:
		return p, errExpiresParam(p.fam, "X-Amz-Expires should be a number")
	case exp < 0:
		return p, errExpiresParam(p.fam, "X-Amz-Expires must be non-negative")
	case exp > int64(maxPresign/time.Second):
		return p, errExpiresParam(p.fam, "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds")
	}
	p.expires = exp
	if p.t.Sub(now) > maxSkew {
		return p, errPresignNotYet(p.fam, exp, p.t, now)
	}
	if now.After(p.t.Add(time.Duration(exp) * time.Second)) {
		return p, errPresignExpired(p.fam, exp, p.t, now)
	}
	return p, nil
}
