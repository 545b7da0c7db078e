package iam

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/labconsole/labconsole/assets"
	"github.com/labconsole/labconsole/model"
)

// Policy is IAM's Policy shape. Listings leave Description out, as IAM does.
type Policy struct {
	PolicyName                    string
	PolicyId                      string
	Arn                           string
	Path                          string
	DefaultVersionId              string
	AttachmentCount               int
	PermissionsBoundaryUsageCount int
	IsAttachable                  bool
	Description                   *string
	CreateDate                    time.Time
	UpdateDate                    time.Time
}

// managedPolicy is one managed policy with what the wire shape does not carry: its
// document and whether it is AWS's.
type managedPolicy struct {
	Policy
	Document      string
	VersionDate   time.Time
	AWSManaged    bool
	StillListed   bool // AWS withdrew some policies: not listed, not attachable
	descriptionOf string
}

// awsCatalog is AWS's managed policies as shipped in assets: immutable, built once
// and shared by every account.
var awsCatalog = sync.OnceValues(func() (map[string]*managedPolicy, error) {
	ps, err := assets.ManagedPolicies()
	if err != nil {
		return nil, err
	}
	m := make(map[string]*managedPolicy, len(ps))
	for _, p := range ps {
		mp := &managedPolicy{
			Policy: Policy{
				PolicyName: p.PolicyName, PolicyId: p.PolicyID, Arn: p.Arn, Path: p.Path,
				DefaultVersionId: p.DefaultVersionID, IsAttachable: p.StillPublished,
				CreateDate: p.CreateDate, UpdateDate: p.UpdateDate,
			},
			Document: p.Document, VersionDate: p.VersionDate, AWSManaged: true,
			StillListed: p.StillPublished, descriptionOf: p.Description,
		}
		if mp.VersionDate.IsZero() {
			mp.VersionDate = p.UpdateDate
		}
		m[p.Arn] = mp
	}
	return m, nil
})

// awsPolicy returns AWS's managed policy with this ARN.
func awsPolicy(arn string) (*managedPolicy, bool) {
	m, err := awsCatalog()
	if err != nil {
		return nil, false
	}
	p, ok := m[arn]
	return p, ok
}

const localPolicyColumns = `arn, policy_id, name, path, description, document, create_date, update_date`

func scanLocalPolicy(row interface{ Scan(...any) error }) (managedPolicy, error) {
	var p managedPolicy
	var created, updated int64
	if err := row.Scan(&p.Arn, &p.PolicyId, &p.PolicyName, &p.Path, &p.descriptionOf, &p.Document, &created, &updated); err != nil {
		return p, err
	}
	p.CreateDate = time.UnixMilli(created).UTC()
	p.UpdateDate = time.UnixMilli(updated).UTC()
	p.VersionDate = p.CreateDate
	p.DefaultVersionId = "v1"
	p.IsAttachable, p.StillListed = true, true
	return p, nil
}

// policyByArn finds a managed policy, AWS's or the account's, with its attachment
// count; the error is NoSuchEntity worded for GetPolicy.
func (s *Service) policyByArn(ctx context.Context, q querier, arn string) (managedPolicy, error) {
	var p managedPolicy
	if ap, ok := awsPolicy(arn); ok {
		p = *ap
	} else {
		lp, err := scanLocalPolicy(q.QueryRowContext(ctx, `SELECT `+localPolicyColumns+` FROM iam_policies WHERE arn = ?`, arn))
		if errors.Is(err, sql.ErrNoRows) {
			return p, noSuchPolicy(arn)
		}
		if err != nil {
			return p, err
		}
		p = lp
	}
	n, err := attachmentCount(ctx, q, arn)
	p.AttachmentCount = n
	return p, err
}

// attachmentCount is IAM's AttachmentCount: how many users, groups and roles the policy is
// attached to, counted from the attachment tables so it can never drift.
func attachmentCount(ctx context.Context, q querier, arn string) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM iam_user_policy_attachments WHERE policy_arn = ?1)
		+ (SELECT count(*) FROM iam_group_policy_attachments WHERE policy_arn = ?1)
		+ (SELECT count(*) FROM iam_role_policy_attachments WHERE policy_arn = ?1)`, arn).Scan(&n)
	return n, err
}

// attachmentCounts counts every attached policy at once, for listings.
func attachmentCounts(ctx context.Context, q querier) (map[string]int, error) {
	rows, err := q.QueryContext(ctx, `SELECT policy_arn, count(*) FROM (
		SELECT policy_arn FROM iam_user_policy_attachments
		UNION ALL SELECT policy_arn FROM iam_group_policy_attachments
		UNION ALL SELECT policy_arn FROM iam_role_policy_attachments) GROUP BY policy_arn`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]int{}
	for rows.Next() {
		var arn string
		var n int
		if err := rows.Scan(&arn, &n); err != nil {
			return nil, err
		}
		m[arn] = n
	}
	return m, rows.Err()
}

// catalog lists the managed policies in scope, sorted by name as the console shows
// them (AWS's withdrawn policies are left out, as IAM leaves them out).
func (s *Service) catalog(ctx context.Context, scope model.PolicyScope, pathPrefix string) ([]managedPolicy, error) {
	var out []managedPolicy
	if scope != model.PolicyScopeLocal {
		m, err := awsCatalog()
		if err != nil {
			return nil, err
		}
		for _, p := range m {
			if p.StillListed && strings.HasPrefix(p.Path, pathPrefix) {
				out = append(out, *p)
			}
		}
	}
	if scope != model.PolicyScopeAWS {
		rows, err := s.db.SQL().QueryContext(ctx, `SELECT `+localPolicyColumns+` FROM iam_policies WHERE substr(path, 1, ?) = ?`, len(pathPrefix), pathPrefix)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanLocalPolicy(rows)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	sort.Slice(out, func(i, j int) bool { return policySortKey(out[i]) < policySortKey(out[j]) })
	return out, nil
}

// policySortKey orders by name; the ARN breaks the tie between an AWS policy and a
// customer policy of the same name.
func policySortKey(p managedPolicy) string { return sortKey(p.PolicyName) + "\x00" + p.Arn }

// encodeDocument URL-encodes a policy document as IAM returns documents
// (GetPolicyVersion, GetUserPolicy…): every byte but the RFC 3986 unreserved
// characters as %XX, spaces as %20. SDKs leave decoding to the caller; the AWS CLI
// decodes and pretty-prints.
func encodeDocument(doc string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(doc) * 2)
	for i := 0; i < len(doc); i++ {
		c := doc[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
