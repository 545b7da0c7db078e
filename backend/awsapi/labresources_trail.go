package awsapi

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
)

// What the lab's clean-up needs of the resources the Create trail wizard may make
// besides the trail and its bucket: the IAM role CloudTrail assumes to write to
// CloudWatch Logs (with its inline policy) and the KMS key with its alias.

// Roles implements backend.LabResources with ListRoles, every page.
func (b *Backend) Roles(ctx context.Context) ([]backend.LabRole, error) {
	var out []backend.LabRole
	in := &iam.ListRolesInput{}
	for {
		page, err := b.iam.ListRoles(ctx, in)
		if err != nil {
			return nil, wrap("iam:ListRoles", err)
		}
		for _, r := range page.Roles {
			out = append(out, backend.LabRole{Name: aws.ToString(r.RoleName), Arn: aws.ToString(r.Arn)})
		}
		if !page.IsTruncated || page.Marker == nil {
			return out, nil
		}
		in.Marker = page.Marker
	}
}

// RoleTags implements backend.LabResources with ListRoleTags.
func (b *Backend) RoleTags(ctx context.Context, role string) ([]model.Tag, error) {
	var tags []model.Tag
	in := &iam.ListRoleTagsInput{RoleName: aws.String(role)}
	for {
		page, err := b.iam.ListRoleTags(ctx, in)
		if err != nil {
			return nil, wrap("iam:ListRoleTags", err)
		}
		for _, t := range page.Tags {
			tags = append(tags, model.Tag{Key: aws.ToString(t.Key), Value: aws.ToString(t.Value)})
		}
		if !page.IsTruncated || page.Marker == nil {
			return tags, nil
		}
		in.Marker = page.Marker
	}
}

// TagRole implements backend.LabResources.
func (b *Backend) TagRole(ctx context.Context, role string, tags []model.Tag) error {
	in := &iam.TagRoleInput{RoleName: aws.String(role), Tags: []iamtypes.Tag{}}
	for _, t := range tags {
		in.Tags = append(in.Tags, iamtypes.Tag{Key: aws.String(t.Key), Value: aws.String(t.Value)})
	}
	_, err := b.iam.TagRole(ctx, in)
	return wrap("iam:TagRole", err)
}

// RolePolicies implements backend.LabResources with ListRolePolicies, every page.
func (b *Backend) RolePolicies(ctx context.Context, role string) ([]string, error) {
	var names []string
	in := &iam.ListRolePoliciesInput{RoleName: aws.String(role)}
	for {
		page, err := b.iam.ListRolePolicies(ctx, in)
		if err != nil {
			return nil, wrap("iam:ListRolePolicies", err)
		}
		names = append(names, page.PolicyNames...)
		if !page.IsTruncated || page.Marker == nil {
			return names, nil
		}
		in.Marker = page.Marker
	}
}

// DeleteRolePolicy implements backend.LabResources.
func (b *Backend) DeleteRolePolicy(ctx context.Context, role, policy string) error {
	_, err := b.iam.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String(policy)})
	return wrap("iam:DeleteRolePolicy", err)
}

// DeleteRole implements backend.LabResources.
func (b *Backend) DeleteRole(ctx context.Context, role string) error {
	_, err := b.iam.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String(role)})
	return wrap("iam:DeleteRole", err)
}

// wrapKMS words a KMS failure; KMS's NotFoundException is a missing resource.
func wrapKMS(op string, err error) error {
	err = wrap(op, err)
	var be *backend.Error
	var api smithy.APIError
	if errors.As(err, &be) && errors.As(err, &api) && api.ErrorCode() == "NotFoundException" {
		be.Kind = backend.KindNotFound
	}
	return err
}

// CustomerKeys implements backend.LabResources: ListAliases (every page) for the
// aliases, then ListKeys and DescribeKey for each key, keeping customer managed
// keys that are not pending deletion.
func (b *Backend) CustomerKeys(ctx context.Context) ([]backend.LabKey, error) {
	aliases := map[string][]string{}
	ain := &kms.ListAliasesInput{}
	for {
		page, err := b.kms.ListAliases(ctx, ain)
		if err != nil {
			return nil, wrapKMS("kms:ListAliases", err)
		}
		for _, a := range page.Aliases {
			if id := aws.ToString(a.TargetKeyId); id != "" {
				aliases[id] = append(aliases[id], aws.ToString(a.AliasName))
			}
		}
		if !page.Truncated || page.NextMarker == nil {
			break
		}
		ain.Marker = page.NextMarker
	}
	var out []backend.LabKey
	kin := &kms.ListKeysInput{}
	for {
		page, err := b.kms.ListKeys(ctx, kin)
		if err != nil {
			return nil, wrapKMS("kms:ListKeys", err)
		}
		for _, k := range page.Keys {
			d, err := b.kms.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: k.KeyId})
			if err != nil {
				if backend.KindOf(wrapKMS("kms:DescribeKey", err)) == backend.KindNotFound {
					continue
				}
				return nil, wrapKMS("kms:DescribeKey", err)
			}
			md := d.KeyMetadata
			if md == nil || md.KeyManager != kmstypes.KeyManagerTypeCustomer ||
				md.KeyState == kmstypes.KeyStatePendingDeletion || md.KeyState == kmstypes.KeyStatePendingReplicaDeletion {
				continue
			}
			id := aws.ToString(md.KeyId)
			out = append(out, backend.LabKey{ID: id, Arn: aws.ToString(md.Arn), Aliases: aliases[id]})
		}
		if !page.Truncated || page.NextMarker == nil {
			return out, nil
		}
		kin.Marker = page.NextMarker
	}
}

// KeyTags implements backend.LabResources with ListResourceTags, every page.
func (b *Backend) KeyTags(ctx context.Context, keyID string) ([]model.Tag, error) {
	var tags []model.Tag
	in := &kms.ListResourceTagsInput{KeyId: aws.String(keyID)}
	for {
		page, err := b.kms.ListResourceTags(ctx, in)
		if err != nil {
			return nil, wrapKMS("kms:ListResourceTags", err)
		}
		for _, t := range page.Tags {
			tags = append(tags, model.Tag{Key: aws.ToString(t.TagKey), Value: aws.ToString(t.TagValue)})
		}
		if !page.Truncated || page.NextMarker == nil {
			return tags, nil
		}
		in.Marker = page.NextMarker
	}
}

// TagKey implements backend.LabResources; an alias is resolved to its key first
// (KMS TagResource takes a key ID or key ARN only).
func (b *Backend) TagKey(ctx context.Context, key string, tags []model.Tag) error {
	if strings.HasPrefix(key, "alias/") || strings.Contains(key, ":alias/") {
		d, err := b.kms.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(key)})
		if err != nil {
			return wrapKMS("kms:DescribeKey", err)
		}
		key = aws.ToString(d.KeyMetadata.KeyId)
	}
	in := &kms.TagResourceInput{KeyId: aws.String(key), Tags: []kmstypes.Tag{}}
	for _, t := range tags {
		in.Tags = append(in.Tags, kmstypes.Tag{TagKey: aws.String(t.Key), TagValue: aws.String(t.Value)})
	}
	_, err := b.kms.TagResource(ctx, in)
	return wrapKMS("kms:TagResource", err)
}

// DeleteAlias implements backend.LabResources.
func (b *Backend) DeleteAlias(ctx context.Context, alias string) error {
	_, err := b.kms.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String(alias)})
	return wrapKMS("kms:DeleteAlias", err)
}

// ScheduleKeyDeletion implements backend.LabResources.
func (b *Backend) ScheduleKeyDeletion(ctx context.Context, keyID string, days int) (time.Time, error) {
	out, err := b.kms.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String(keyID), PendingWindowInDays: aws.Int32(int32(days))})
	if err != nil {
		return time.Time{}, wrapKMS("kms:ScheduleKeyDeletion", err)
	}
	return aws.ToTime(out.DeletionDate), nil
}
