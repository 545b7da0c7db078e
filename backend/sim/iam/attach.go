package iam

import (
	"database/sql"
	"errors"
	"sort"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// IAM's managed-policies-per-entity quotas (default values).
const (
	MaxPoliciesPerUser  = 10
	MaxPoliciesPerGroup = 10
)

// AttachedPolicy is IAM's AttachedPolicy shape.
type AttachedPolicy struct {
	PolicyName string
	PolicyArn  string
}

type attachUserPolicyInput struct {
	UserName  string
	PolicyArn string
}

type attachGroupPolicyInput struct {
	GroupName string
	PolicyArn string
}

type listAttachedUserPoliciesInput struct {
	UserName   string
	PathPrefix *string
	Marker     *string
	MaxItems   *int
}

type listAttachedGroupPoliciesInput struct {
	GroupName  string
	PathPrefix *string
	Marker     *string
	MaxItems   *int
}

type listAttachedPoliciesOutput struct {
	AttachedPolicies []AttachedPolicy
	IsTruncated      bool
	Marker           *string
}

// holder is a user or a group a managed policy is attached to: the attachment table
// and quota differ, the rules do not.
type holder struct {
	id         string
	name       string
	table      string // iam_user_policy_attachments / iam_group_policy_attachments
	idColumn   string // user_id / group_id
	quotaName  string
	quota      int
	resourceTy string // AWS::IAM::User / AWS::IAM::Group
}

func userHolder(u User) holder {
	return holder{id: u.UserId, name: u.UserName, table: "iam_user_policy_attachments", idColumn: "user_id",
		quotaName: "PoliciesPerUser", quota: MaxPoliciesPerUser, resourceTy: "AWS::IAM::User"}
}

func groupHolder(g Group) holder {
	return holder{id: g.GroupId, name: g.GroupName, table: "iam_group_policy_attachments", idColumn: "group_id",
		quotaName: "PoliciesPerGroup", quota: MaxPoliciesPerGroup, resourceTy: "AWS::IAM::Group"}
}

// policyARNKey is the iam:PolicyARN condition key IAM sets on attach and detach, so
// policies can limit which policies may be attached.
func policyARNKey(arn string) map[string][]string { return map[string][]string{"iam:PolicyARN": {arn}} }

func (s *Service) attach(c *service.Call, h holder, policyArn string) (err error) {
	defer func() {
		if err == nil {
			s.propagate(attachmentKey(h, policyArn))
		}
	}()
	c.Record.Resources = []service.EventResource{{Type: h.resourceTy, Name: h.name}, {Type: "AWS::IAM::Policy", Name: policyArn}}
	return s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		mp, err := s.policyByArn(c.Ctx, tx, policyArn)
		if err != nil || !mp.IsAttachable {
			if err == nil || isNoSuch(err) {
				return notAttachable(policyArn)
			}
			return err
		}
		var one int
		err = tx.QueryRow(`SELECT 1 FROM `+h.table+` WHERE `+h.idColumn+` = ? AND policy_arn = ?`, h.id, policyArn).Scan(&one)
		if err == nil {
			return nil // already attached: IAM succeeds
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM `+h.table+` WHERE `+h.idColumn+` = ?`, h.id).Scan(&n); err != nil {
			return err
		}
		if n >= h.quota {
			return quotaExceeded(h.quotaName, h.quota)
		}
		_, err = tx.Exec(`INSERT INTO `+h.table+`(`+h.idColumn+`, policy_arn) VALUES(?, ?)`, h.id, policyArn)
		return err
	})
}

func (s *Service) detach(c *service.Call, h holder, policyArn string) error {
	c.Record.Resources = []service.EventResource{{Type: h.resourceTy, Name: h.name}, {Type: "AWS::IAM::Policy", Name: policyArn}}
	return s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`DELETE FROM `+h.table+` WHERE `+h.idColumn+` = ? AND policy_arn = ?`, h.id, policyArn)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return noSuchPolicy(policyArn)
		}
		return nil
	})
}

func (s *Service) listAttached(c *service.Call, h holder, pathPrefix, marker *string, maxItems *int) (*listAttachedPoliciesOutput, error) {
	p, err := parsePage(marker, maxItems)
	if err != nil {
		return nil, err
	}
	prefix := "/"
	if pathPrefix != nil && *pathPrefix != "" {
		if err := model.ValidatePolicyPath(*pathPrefix); err != nil {
			return nil, validationFrom(err)
		}
		prefix = *pathPrefix
	}
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT policy_arn FROM `+h.table+` WHERE `+h.idColumn+` = ?`, h.id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all []AttachedPolicy
	for rows.Next() {
		var arn string
		if err := rows.Scan(&arn); err != nil {
			return nil, err
		}
		path, name := splitPolicyArn(arn)
		if strings.HasPrefix(path, prefix) {
			all = append(all, AttachedPolicy{PolicyName: name, PolicyArn: arn})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	key := func(a AttachedPolicy) string { return sortKey(a.PolicyName) + "\x00" + a.PolicyArn }
	sort.Slice(all, func(i, j int) bool { return key(all[i]) < key(all[j]) })
	page, truncated, next := pageSlice(all, key, p)
	return &listAttachedPoliciesOutput{AttachedPolicies: append([]AttachedPolicy{}, page...), IsTruncated: truncated, Marker: next}, nil
}

// splitPolicyArn returns a managed policy ARN's path ("/", "/job-function/") and name.
func splitPolicyArn(arn string) (path, name string) {
	_, rest, ok := strings.Cut(arn, ":policy/")
	if !ok {
		return "/", arn
	}
	i := strings.LastIndex(rest, "/")
	return "/" + rest[:i+1], rest[i+1:]
}

func validateUserPolicyArn(user, arn string) error {
	var errs model.Errors
	errs.Add(model.ValidateUserName(user))
	if err := errs.Err(); err != nil {
		return validationFrom(err)
	}
	return validatePolicyArn(arn)
}

func validateGroupPolicyArn(group, arn string) error {
	if err := model.ValidateGroupName(group); err != nil {
		return validationFrom(err)
	}
	return validatePolicyArn(arn)
}

func (s *Service) attachUserPolicy(c *service.Call, in *attachUserPolicyInput) (*struct{}, error) {
	if err := validateUserPolicyArn(in.UserName, in.PolicyArn); err != nil {
		return nil, err
	}
	u, err := s.authorizeUserWith(c, "iam:AttachUserPolicy", in.UserName, policyARNKey(in.PolicyArn))
	if err != nil {
		return nil, err
	}
	return nil, s.attach(c, userHolder(u), in.PolicyArn)
}

func (s *Service) detachUserPolicy(c *service.Call, in *attachUserPolicyInput) (*struct{}, error) {
	if err := validateUserPolicyArn(in.UserName, in.PolicyArn); err != nil {
		return nil, err
	}
	u, err := s.authorizeUserWith(c, "iam:DetachUserPolicy", in.UserName, policyARNKey(in.PolicyArn))
	if err != nil {
		return nil, err
	}
	return nil, s.detach(c, userHolder(u), in.PolicyArn)
}

func (s *Service) listAttachedUserPolicies(c *service.Call, in *listAttachedUserPoliciesInput) (*listAttachedPoliciesOutput, error) {
	if err := model.ValidateUserName(in.UserName); err != nil {
		return nil, validationFrom(err)
	}
	u, err := s.authorizeUser(c, "iam:ListAttachedUserPolicies", in.UserName)
	if err != nil {
		return nil, err
	}
	return s.listAttached(c, userHolder(u), in.PathPrefix, in.Marker, in.MaxItems)
}

func (s *Service) attachGroupPolicy(c *service.Call, in *attachGroupPolicyInput) (*struct{}, error) {
	if err := validateGroupPolicyArn(in.GroupName, in.PolicyArn); err != nil {
		return nil, err
	}
	g, err := s.authorizeGroupWith(c, "iam:AttachGroupPolicy", in.GroupName, policyARNKey(in.PolicyArn))
	if err != nil {
		return nil, err
	}
	return nil, s.attach(c, groupHolder(g), in.PolicyArn)
}

func (s *Service) detachGroupPolicy(c *service.Call, in *attachGroupPolicyInput) (*struct{}, error) {
	if err := validateGroupPolicyArn(in.GroupName, in.PolicyArn); err != nil {
		return nil, err
	}
	g, err := s.authorizeGroupWith(c, "iam:DetachGroupPolicy", in.GroupName, policyARNKey(in.PolicyArn))
	if err != nil {
		return nil, err
	}
	return nil, s.detach(c, groupHolder(g), in.PolicyArn)
}

func (s *Service) listAttachedGroupPolicies(c *service.Call, in *listAttachedGroupPoliciesInput) (*listAttachedPoliciesOutput, error) {
	if err := model.ValidateGroupName(in.GroupName); err != nil {
		return nil, validationFrom(err)
	}
	g, err := s.authorizeGroup(c, "iam:ListAttachedGroupPolicies", in.GroupName)
	if err != nil {
		return nil, err
	}
	return s.listAttached(c, groupHolder(g), in.PathPrefix, in.Marker, in.MaxItems)
}
