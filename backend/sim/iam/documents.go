package iam

import (
	"context"
	"database/sql"
)

// PolicyDocument is one policy that applies to a user, for the policy evaluator.
type PolicyDocument struct {
	Arn      string // managed policy ARN; "" for inline policies
	Name     string
	Document string
	Group    string // the group the policy applies through; "" for the user's own
}

// identityPolicies is every identity-based policy of a user in one query: managed
// policies attached to the user or to its groups (with a customer managed policy's
// document joined in), then inline policies of the user and of its groups.
const identityPolicies = `
SELECT a.policy_arn, '', coalesce(p.document, ''), ''
	FROM iam_user_policy_attachments a LEFT JOIN iam_policies p ON p.arn = a.policy_arn
	WHERE a.user_id = ?1
UNION ALL
SELECT a.policy_arn, '', coalesce(p.document, ''), g.name
	FROM iam_group_members m
	JOIN iam_groups g ON g.group_id = m.group_id
	JOIN iam_group_policy_attachments a ON a.group_id = m.group_id
	LEFT JOIN iam_policies p ON p.arn = a.policy_arn
	WHERE m.user_id = ?1
UNION ALL
SELECT '', name, document, '' FROM iam_user_policies WHERE user_id = ?1
UNION ALL
SELECT '', gp.name, gp.document, g.name
	FROM iam_group_members m
	JOIN iam_groups g ON g.group_id = m.group_id
	JOIN iam_group_policies gp ON gp.group_id = m.group_id
	WHERE m.user_id = ?1`

// PolicyDocuments returns every policy that applies to the user: attached managed
// policies, inline policies, and the attached and inline policies of each group the
// user belongs to. The router evaluates them together on every request.
func (s *Service) PolicyDocuments(ctx context.Context, userID string) ([]PolicyDocument, error) {
	docs, err := policyDocuments(ctx, s.db.SQL(), userID)
	if err != nil {
		return nil, err
	}
	visible := docs[:0]
	for _, d := range docs {
		if !s.propagatingDocument(userID, d) {
			visible = append(visible, d)
		}
	}
	return visible, nil
}

func policyDocuments(ctx context.Context, q querier, userID string) ([]PolicyDocument, error) {
	rows, err := q.QueryContext(ctx, identityPolicies, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PolicyDocument
	for rows.Next() {
		var d PolicyDocument
		var name sql.NullString
		if err := rows.Scan(&d.Arn, &name, &d.Document, &d.Group); err != nil {
			return nil, err
		}
		d.Name = name.String
		if d.Arn != "" {
			if ap, ok := awsPolicy(d.Arn); ok {
				d.Name, d.Document = ap.PolicyName, ap.Document
			} else {
				_, d.Name = splitPolicyArn(d.Arn)
			}
			if d.Document == "" {
				continue // a policy that no longer exists grants nothing
			}
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
