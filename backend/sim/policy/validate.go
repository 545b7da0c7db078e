package policy

import (
	"fmt"
	"sort"
	"strings"
)

// validate runs the checks IAM makes after the grammar, in IAM's order: legacy
// parsing, Sid uniqueness, actions present, resources present, resource format,
// action vendors.
func validate(raws []rawStatement, kind docKind) *ParseError {
	for i := range raws {
		r := &raws[i]
		switch r.effect {
		case "Allow":
			r.Effect = EffectAllow
		case "Deny":
			r.Effect = EffectDeny
		default: // right word, wrong case
			if kind == kindResource {
				return kind.newError(ErrInvalidEffect, r.effect)
			}
			return kind.newError(ErrLegacyParsing, "")
		}
		for op, keys := range r.Condition {
			spec, _ := parseOperator(op)
			if spec.family != famDate {
				continue
			}
			for _, vals := range keys {
				for _, v := range vals {
					if _, ok := parseDate(v); !ok {
						return kind.newError(ErrLegacyParsing, "")
					}
				}
			}
		}
	}
	seen := make(map[string]bool, len(raws))
	for i := range raws {
		if sid := raws[i].Sid; sid != "" {
			if seen[sid] {
				return kind.newError(ErrDuplicateSid, "")
			}
			seen[sid] = true
		}
	}
	for i := range raws {
		r := &raws[i]
		if kind == kindResource && !r.hasPrincipal {
			return kind.newError(ErrMissingPrincipal, "")
		}
		if !r.hasAction || len(r.Action)+len(r.NotAction) == 0 {
			return kind.newError(ErrMissingAction, "")
		}
	}
	for i := range raws {
		r := &raws[i]
		if !r.hasResource || len(r.Resource)+len(r.NotResource) == 0 {
			return kind.newError(ErrMissingResource, "")
		}
	}
	for i := range raws {
		r := &raws[i]
		for _, list := range [][]string{r.Resource, r.NotResource} {
			// Report the last offending resource in sorted order, as IAM does
			// (reproduced by moto's validator); sort a copy.
			sorted := append([]string(nil), list...)
			sort.Sort(sort.Reverse(sort.StringSlice(sorted)))
			for _, res := range sorted {
				if msg := checkResource(res); msg != "" {
					return kind.newError(ErrInvalidResource, msg)
				}
			}
		}
	}
	for i := range raws {
		r := &raws[i]
		for _, list := range [][]string{r.Action, r.NotAction} {
			for _, a := range list {
				if msg := checkAction(a); msg != "" {
					return kind.newError(ErrInvalidAction, msg)
				}
			}
		}
		for _, keys := range r.Condition {
			for key := range keys {
				if !strings.Contains(key, ":") {
					return kind.newError(ErrInvalidAction, iamNoVendor)
				}
			}
		}
	}
	return nil
}

// checkAction returns IAM's message for a malformed action, or "".
func checkAction(a string) string {
	if a == "*" {
		return ""
	}
	vendor, rest, ok := strings.Cut(a, ":")
	if !ok {
		return iamNoVendor
	}
	if strings.Contains(rest, ":") {
		return iamTwoColons
	}
	if vendor == "*" {
		return ""
	}
	for i := 0; i < len(vendor); i++ {
		c := vendor[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return fmt.Sprintf(iamBadVendorFormat, vendor)
		}
	}
	if vendor == "" {
		return fmt.Sprintf(iamBadVendorFormat, vendor)
	}
	return ""
}

// knownPartitions are the partitions IAM accepts in a Resource ARN.
var knownPartitions = map[string]bool{
	"aws": true, "aws-cn": true, "aws-us-gov": true, "aws-iso": true, "aws-iso-b": true,
	"aws-iso-e": true, "aws-iso-f": true, "aws-eusc": true,
}

// checkResource returns IAM's message for a malformed Resource entry, or "".
func checkResource(res string) string {
	if res == "*" {
		return ""
	}
	parts := strings.SplitN(res, ":", 6)
	if len(parts) < 2 || parts[0] != "arn" {
		return fmt.Sprintf(iamResourceNotArn, res)
	}
	if p := parts[1]; !knownPartitions[p] && !strings.ContainsAny(p, "*?") {
		seg := func(i int) string {
			if i < len(parts) && (parts[i] != "" || len(parts) > i+1) {
				return parts[i]
			}
			return "*"
		}
		return fmt.Sprintf(`Partition "%s" is not valid for resource "arn:%s:%s:%s:%s:%s".`, p, p, seg(2), seg(3), seg(4), seg(5))
	}
	if len(parts) < 3 || parts[2] == "" || strings.ContainsAny(parts[2], "*?") {
		return iamResourceVendor
	}
	if len(parts) >= 4 && parts[3] != "" {
		switch parts[2] {
		case "iam":
			return fmt.Sprintf("IAM resource %s cannot contain region information.", res)
		case "s3":
			return fmt.Sprintf("Resource %s can not contain region information.", res)
		}
	}
	return ""
}
