package iam

import (
	"context"
	"database/sql"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

type putRolePolicyInput struct {
	RoleName       string
	PolicyName     string
	PolicyDocument string
}

type rolePolicyInput struct {
	RoleName   string
	PolicyName string
}

type getRolePolicyOutput struct {
	RoleName       string
	PolicyName     string
	PolicyDocument string
}

type listRolePoliciesInput struct {
	RoleName string
	Marker   *string
	MaxItems *int
}

type attachRolePolicyInput struct {
	RoleName  string
	PolicyArn string
}

type listAttachedRolePoliciesInput struct {
	RoleName   string
	PathPrefix *string
	Marker     *string
	MaxItems   *int
}

type tagRoleInput struct {
	RoleName string
	Tags     []Tag
}

type untagRoleInput struct {
	RoleName string
	TagKeys  []string
}

type listRoleTagsInput struct {
	RoleName string
	Marker   *string
	MaxItems *int
}

func inlineOfRole(r storedRole) inlineOwner {
	return inlineOwner{kind: "role", id: r.RoleId, name: r.RoleName, table: "iam_role_policies", idColumn: "role_id", maxSize: MaxRoleInlineSize, resource: "AWS::IAM::Role"}
}

func roleHolder(r storedRole) holder {
	return holder{id: r.RoleId, name: r.RoleName, table: "iam_role_policy_attachments", idColumn: "role_id",
		quotaName: "PoliciesPerRole", quota: MaxPoliciesPerRole, resourceTy: "AWS::IAM::Role"}
}

func (s *Service) putRolePolicy(c *service.Call, in *putRolePolicyInput) (*struct{}, error) {
	if err := validateRoleName(in.RoleName); err != nil {
		return nil, err
	}
	if err := validateInline(nil, in.PolicyName, in.PolicyDocument, true); err != nil {
		return nil, err
	}
	r, err := s.authorizeRole(c, "iam:PutRolePolicy", in.RoleName, nil)
	if err != nil {
		return nil, err
	}
	return nil, s.putInline(c, inlineOfRole(r), in.PolicyName, in.PolicyDocument)
}

func (s *Service) getRolePolicy(c *service.Call, in *rolePolicyInput) (*getRolePolicyOutput, error) {
	if err := validateRoleName(in.RoleName); err != nil {
		return nil, err
	}
	if err := validateInline(nil, in.PolicyName, "", false); err != nil {
		return nil, err
	}
	r, err := s.authorizeRole(c, "iam:GetRolePolicy", in.RoleName, nil)
	if err != nil {
		return nil, err
	}
	doc, err := s.getInline(c, inlineOfRole(r), in.PolicyName)
	if err != nil {
		return nil, err
	}
	return &getRolePolicyOutput{RoleName: r.RoleName, PolicyName: in.PolicyName, PolicyDocument: encodeDocument(doc)}, nil
}

func (s *Service) deleteRolePolicy(c *service.Call, in *rolePolicyInput) (*struct{}, error) {
	if err := validateRoleName(in.RoleName); err != nil {
		return nil, err
	}
	if err := validateInline(nil, in.PolicyName, "", false); err != nil {
		return nil, err
	}
	r, err := s.authorizeRole(c, "iam:DeleteRolePolicy", in.RoleName, nil)
	if err != nil {
		return nil, err
	}
	return nil, s.deleteInline(c, inlineOfRole(r), in.PolicyName)
}

func (s *Service) listRolePolicies(c *service.Call, in *listRolePoliciesInput) (*listPolicyNamesOutput, error) {
	r, err := s.authorizeRole(c, "iam:ListRolePolicies", in.RoleName, nil)
	if err != nil {
		return nil, err
	}
	return s.listInline(c, inlineOfRole(r), in.Marker, in.MaxItems)
}

func (s *Service) attachRolePolicy(c *service.Call, in *attachRolePolicyInput) (*struct{}, error) {
	if err := validateRoleName(in.RoleName); err != nil {
		return nil, err
	}
	if err := validatePolicyArn(in.PolicyArn); err != nil {
		return nil, err
	}
	r, err := s.authorizeRole(c, "iam:AttachRolePolicy", in.RoleName, policyARNKey(in.PolicyArn))
	if err != nil {
		return nil, err
	}
	return nil, s.attach(c, roleHolder(r), in.PolicyArn)
}

func (s *Service) detachRolePolicy(c *service.Call, in *attachRolePolicyInput) (*struct{}, error) {
	if err := validateRoleName(in.RoleName); err != nil {
		return nil, err
	}
	if err := validatePolicyArn(in.PolicyArn); err != nil {
		return nil, err
	}
	r, err := s.authorizeRole(c, "iam:DetachRolePolicy", in.RoleName, policyARNKey(in.PolicyArn))
	if err != nil {
		return nil, err
	}
	return nil, s.detach(c, roleHolder(r), in.PolicyArn)
}

func (s *Service) listAttachedRolePolicies(c *service.Call, in *listAttachedRolePoliciesInput) (*listAttachedPoliciesOutput, error) {
	r, err := s.authorizeRole(c, "iam:ListAttachedRolePolicies", in.RoleName, nil)
	if err != nil {
		return nil, err
	}
	return s.listAttached(c, roleHolder(r), in.PathPrefix, in.Marker, in.MaxItems)
}

// tagRole adds tags or overwrites the value of a key the role already has (keys are
// case-insensitive); a role carries at most 50 tags.
func (s *Service) tagRole(c *service.Call, in *tagRoleInput) (*struct{}, error) {
	if err := validateRoleName(in.RoleName); err != nil {
		return nil, err
	}
	if len(in.Tags) == 0 {
		return nil, service.ValidationError("1 validation error detected: Value '[]' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1")
	}
	if err := model.ValidateTags(toModelTags(in.Tags)); err != nil {
		return nil, validationFrom(err)
	}
	cond := map[string][]string{"aws:TagKeys": tagKeysOf(in.Tags)}
	for _, t := range in.Tags {
		cond["aws:RequestTag/"+t.Key] = []string{t.Value}
	}
	r, err := s.authorizeRole(c, "iam:TagRole", in.RoleName, cond)
	if err != nil {
		return nil, err
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::Role", Name: r.RoleName}}
	return nil, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		for _, t := range in.Tags {
			if _, err := tx.Exec(`INSERT INTO iam_role_tags(role_id, ord, key, value)
				VALUES(?, (SELECT coalesce(max(ord), -1) + 1 FROM iam_role_tags WHERE role_id = ?), ?, ?)
				ON CONFLICT(role_id, key) DO UPDATE SET value = excluded.value`, r.RoleId, r.RoleId, t.Key, t.Value); err != nil {
				return err
			}
		}
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM iam_role_tags WHERE role_id = ?`, r.RoleId).Scan(&n); err != nil {
			return err
		}
		if n > model.MaxTags {
			return quotaExceeded("TagsPerRole", model.MaxTags) // UNVERIFIED wording
		}
		return nil
	})
}

// untagRole removes keys; keys the role does not have are ignored, as in IAM.
func (s *Service) untagRole(c *service.Call, in *untagRoleInput) (*struct{}, error) {
	if err := validateRoleName(in.RoleName); err != nil {
		return nil, err
	}
	if len(in.TagKeys) == 0 || len(in.TagKeys) > model.MaxTags {
		return nil, service.ValidationError("1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must have length between 1 and %d", model.MaxTags)
	}
	r, err := s.authorizeRole(c, "iam:UntagRole", in.RoleName, map[string][]string{"aws:TagKeys": in.TagKeys})
	if err != nil {
		return nil, err
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::IAM::Role", Name: r.RoleName}}
	return nil, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		for _, k := range in.TagKeys {
			if _, err := tx.Exec(`DELETE FROM iam_role_tags WHERE role_id = ? AND key = ?`, r.RoleId, k); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Service) listRoleTags(c *service.Call, in *listRoleTagsInput) (*listTagsOutput, error) {
	if err := validateRoleName(in.RoleName); err != nil {
		return nil, err
	}
	p, err := parsePage(in.Marker, in.MaxItems)
	if err != nil {
		return nil, err
	}
	r, err := s.authorizeRole(c, "iam:ListRoleTags", in.RoleName, nil)
	if err != nil {
		return nil, err
	}
	tags, err := s.roleTags(c.Ctx, r.RoleId)
	if err != nil {
		return nil, err
	}
	// Tags keep the order they were added in; the marker is the last key returned.
	start := 0
	if p.after != "" {
		for i, t := range tags {
			if sortKey(t.Key) == p.after {
				start = i + 1
				break
			}
		}
	}
	page, truncated, next := pageSlice(tags[start:], func(t Tag) string { return sortKey(t.Key) }, pageArgs{limit: p.limit})
	return &listTagsOutput{Tags: append([]Tag{}, page...), IsTruncated: truncated, Marker: next}, nil
}

func (s *Service) roleTags(ctx context.Context, roleID string) ([]Tag, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT key, value FROM iam_role_tags WHERE role_id = ? ORDER BY ord`, roleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tags []Tag
	for rows.Next() {
		var t Tag
		if err := rows.Scan(&t.Key, &t.Value); err != nil {
			return nil, err
		}
		tags = append(tags, t)
	}
	return tags, rows.Err()
}
