package protocol

import (
	"net/url"
	"reflect"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// The ec2Query dialect. EC2 predates awsQuery's conventions and botocore
// (EC2Serializer, EC2QueryParser) and smithy-go (awsEc2query) special-case it:
//
//   - Input is a form like awsQuery (Action, Version=2016-11-15), but every list
//     is flat, "Name.N" (never ".member."), and a member's name on the wire is
//     its queryName, else its capitalised locationName, else its member name:
//     Filters travel as "Filter.1.Name", "Filter.1.Value.1"; InstanceIds as
//     "InstanceId.1".
//   - Output is <OpResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
//     <requestId>…</requestId> followed by the output members directly (no
//     <OpResult> wrapper), elements named by locationName (lowerCamel:
//     reservationSet, instancesSet, tagSet), lists as <name><item>…</item></name>.
//   - Errors are <Response><Errors><Error><Code/><Message/></Error></Errors>
//     <RequestID/></Response>.
//
// Struct convention: the `aws:"Name"` name (or Go field name) is the member
// name, as for every other protocol. The `ec2:"Name"` tag gives the EC2 wire
// name where the model renames a member: on an input struct the query name
// (`ec2:"Filter"` on Filters), on an output struct the element name
// (`ec2:"reservationSet"` on Reservations). Without it the input name is the
// member name and the output name is the member name with its first letter
// lowered (VpcId → vpcId), which is what EC2's model says for most members.
// One tag serves both directions because EC2 input and output shapes are
// distinct Go types; shapes used both ways (Tag: Key/Value, IpPermission)
// need no tag at all.

// ec2Version is the only API version EC2 has spoken since 2016; its requests
// are told apart from awsQuery ones by it, as nothing else in the request
// (Action, form encoding) differs.
const ec2Version = "2016-11-15"

// EC2Namespace is the xmlns of every EC2 response.
const EC2Namespace = "http://ec2.amazonaws.com/doc/" + ec2Version + "/"

// isEC2Version reports whether a query request's Version names EC2's API.
func isEC2Version(v string) bool { return v == ec2Version }

// ec2InputName is a member's name in an EC2 form.
func (fi *fieldInfo) ec2InputName() string {
	if fi.ec2 != "" {
		return fi.ec2
	}
	return fi.name
}

// ec2OutputName is a member's element name in an EC2 response.
func ec2OutputName(m *tMember) string {
	if m.ec2 != "" {
		return m.ec2
	}
	return lowerFirst(m.name)
}

// lowerFirst lowers the first letter: EC2's locationNames are the member
// names in lowerCamel case.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// decodeEC2 fills struct v from an EC2 form.
func decodeEC2(form url.Values, v reflect.Value, ti *typeInfo) *Error {
	q := newQueryForm(form)
	return q.decodeEC2Struct("", v, ti)
}

func (q *queryForm) decodeEC2Struct(prefix string, v reflect.Value, ti *typeInfo) *Error {
	for i := range ti.fields {
		fi := &ti.fields[i]
		key := fi.ec2InputName()
		if prefix != "" {
			key = prefix + "." + key
		}
		if err := q.decodeEC2Value(key, fi.field(v), fi.ti); err != nil {
			return err
		}
	}
	return nil
}

func (q *queryForm) decodeEC2Value(key string, v reflect.Value, ti *typeInfo) *Error {
	switch ti.kind {
	case kPtr:
		if isScalar(ti.elem) {
			if _, ok := q.vals[key]; !ok {
				return nil
			}
		} else if !q.present(key) {
			return nil
		}
		p := reflect.New(ti.elem.rt)
		if err := q.decodeEC2Value(key, p.Elem(), ti.elem); err != nil {
			return err
		}
		v.Set(p)
		return nil
	case kStruct:
		return q.decodeEC2Struct(key, v, ti)
	case kList:
		return q.decodeEC2List(key, v, ti)
	case kMap:
		// EC2's model has no input maps; accept the flattened awsQuery form.
		return q.decodeMap(key, v, ti, true)
	}
	s, ok := q.get(key)
	if !ok {
		return nil
	}
	return queryScalar(key, s, v, ti)
}

// decodeEC2List reads the flat list Name.1, Name.2, … Like decodeList, only
// the indices present are materialised.
func (q *queryForm) decodeEC2List(key string, v reflect.Value, ti *typeInfo) *Error {
	idx := q.indices(key)
	if len(idx) == 0 {
		return nil
	}
	s := reflect.MakeSlice(ti.rt, len(idx), len(idx))
	for i, n := range idx {
		if err := q.decodeEC2Value(key+"."+strconv.Itoa(n), s.Index(i), ti.elem); err != nil {
			return err
		}
	}
	v.Set(s)
	return nil
}
