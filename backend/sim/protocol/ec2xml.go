package protocol

// EC2 response XML (see ec2query.go for the dialect).

// appendEC2Response appends <OpResponse xmlns=ns><requestId/>members…</OpResponse>.
// EC2 always answers with requestId first; operations without output
// (CreateTags) answer <return>true</return>, as EC2 does.
func appendEC2Response(b []byte, op, ns string, result *tStruct, requestID string) []byte {
	if ns == "" {
		ns = EC2Namespace
	}
	root := op + "Response"
	b = append(b, '<')
	b = append(b, root...)
	b = appendXMLNS(b, ns)
	b = append(b, '>')
	b = appendXMLLeaf(b, "requestId", requestID)
	if result == nil {
		b = append(b, "<return>true</return>"...)
	} else {
		for i := range result.members {
			m := &result.members[i]
			b = appendEC2Value(b, ec2OutputName(m), m.val)
		}
	}
	return appendClose(b, root)
}

// appendEC2Error appends EC2's error document; the SDKs read Code and
// Message from Response/Errors/Error and the request ID from RequestID.
func appendEC2Error(b []byte, e *Error, requestID string) []byte {
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>`...)
	b = append(b, "<Response><Errors><Error>"...)
	b = appendXMLLeaf(b, "Code", e.queryCode())
	b = appendXMLLeaf(b, "Message", e.Message)
	b = append(b, "</Error></Errors>"...)
	b = appendXMLLeaf(b, "RequestID", requestID)
	return append(b, "</Response>"...)
}

// appendEC2Value appends <name>node</name>: structures by their EC2 member
// names, lists as <item> children, maps as <item><key/><value/></item>.
func appendEC2Value(b []byte, name string, node any) []byte {
	switch n := node.(type) {
	case *tStruct:
		b = appendOpen(b, name)
		for i := range n.members {
			m := &n.members[i]
			b = appendEC2Value(b, ec2OutputName(m), m.val)
		}
		return appendClose(b, name)
	case []any:
		b = appendOpen(b, name)
		for _, item := range n {
			b = appendEC2Value(b, "item", item)
		}
		return appendClose(b, name)
	case *tMap:
		b = appendOpen(b, name)
		for i, k := range n.keys {
			b = append(b, "<item>"...)
			b = appendXMLLeaf(b, "key", k)
			b = appendEC2Value(b, "value", n.vals[i])
			b = append(b, "</item>"...)
		}
		return appendClose(b, name)
	}
	b = appendOpen(b, name)
	b = appendXMLScalar(b, node)
	return appendClose(b, name)
}
