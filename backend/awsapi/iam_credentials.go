package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/model"
)

// CreateLoginProfile implements backend.IAM; the password is checked against IAM's
// default password policy first, so a weak one is refused before the call.
func (b *Backend) CreateLoginProfile(ctx context.Context, in model.NewLoginProfile) (model.LoginProfile, error) {
	if err := in.Validate(); err != nil {
		return model.LoginProfile{}, err
	}
	var out *iam.CreateLoginProfileOutput
	err := b.eventually(ctx, func() (err error) {
		out, err = b.iam.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{
			UserName: aws.String(in.UserName), Password: aws.String(in.Password), PasswordResetRequired: in.PasswordResetRequired,
		})
		return err
	}, userRef(in.UserName))
	if err != nil {
		return model.LoginProfile{}, wrap("iam:CreateLoginProfile", err)
	}
	b.markCreated(loginRef(in.UserName, in.Password))
	return loginProfileFrom(*out.LoginProfile), nil
}

// GetLoginProfile implements backend.IAM; KindNotFound means the user has no console
// password.
func (b *Backend) GetLoginProfile(ctx context.Context, user string) (model.LoginProfile, error) {
	out, err := b.iam.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String(user)})
	if err != nil {
		return model.LoginProfile{}, wrap("iam:GetLoginProfile", err)
	}
	return loginProfileFrom(*out.LoginProfile), nil
}

// UpdateLoginProfile implements backend.IAM.
func (b *Backend) UpdateLoginProfile(ctx context.Context, in model.NewLoginProfile) error {
	req := &iam.UpdateLoginProfileInput{UserName: aws.String(in.UserName), PasswordResetRequired: aws.Bool(in.PasswordResetRequired)}
	if in.Password != "" {
		if err := in.Validate(); err != nil {
			return err
		}
		req.Password = aws.String(in.Password)
	}
	_, err := b.iam.UpdateLoginProfile(ctx, req)
	if err == nil && in.Password != "" {
		b.markCreated(loginRef(in.UserName, in.Password))
	}
	return wrap("iam:UpdateLoginProfile", err)
}

// DeleteLoginProfile implements backend.IAM.
func (b *Backend) DeleteLoginProfile(ctx context.Context, user string) error {
	_, err := b.iam.DeleteLoginProfile(ctx, &iam.DeleteLoginProfileInput{UserName: aws.String(user)})
	return wrap("iam:DeleteLoginProfile", err)
}

// CreateAccessKey implements backend.IAM.
func (b *Backend) CreateAccessKey(ctx context.Context, user string) (model.AccessKey, error) {
	var out *iam.CreateAccessKeyOutput
	err := b.eventually(ctx, func() (err error) {
		out, err = b.iam.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(user)})
		return err
	}, userRef(user))
	if err != nil {
		return model.AccessKey{}, wrap("iam:CreateAccessKey", err)
	}
	k := out.AccessKey
	newKeys.mark(aws.ToString(k.AccessKeyId)) // a Backend signing with it retries until it propagates
	return model.AccessKey{
		UserName: aws.ToString(k.UserName), AccessKeyID: aws.ToString(k.AccessKeyId), Status: string(k.Status),
		CreateDate: aws.ToTime(k.CreateDate), SecretAccessKey: aws.ToString(k.SecretAccessKey),
	}, nil
}

// ListAccessKeys implements backend.IAM, following every page.
func (b *Backend) ListAccessKeys(ctx context.Context, user string) ([]model.AccessKey, error) {
	out := []model.AccessKey{}
	p := iam.NewListAccessKeysPaginator(b.iam, &iam.ListAccessKeysInput{UserName: aws.String(user)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, wrap("iam:ListAccessKeys", err)
		}
		for _, k := range page.AccessKeyMetadata {
			out = append(out, model.AccessKey{UserName: aws.ToString(k.UserName), AccessKeyID: aws.ToString(k.AccessKeyId), Status: string(k.Status), CreateDate: aws.ToTime(k.CreateDate)})
		}
	}
	return out, nil
}

// UpdateAccessKey implements backend.IAM.
func (b *Backend) UpdateAccessKey(ctx context.Context, user, accessKeyID, status string) error {
	_, err := b.iam.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{UserName: aws.String(user), AccessKeyId: aws.String(accessKeyID), Status: types.StatusType(status)})
	return wrap("iam:UpdateAccessKey", err)
}

// DeleteAccessKey implements backend.IAM.
func (b *Backend) DeleteAccessKey(ctx context.Context, user, accessKeyID string) error {
	_, err := b.iam.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String(user), AccessKeyId: aws.String(accessKeyID)})
	return wrap("iam:DeleteAccessKey", err)
}

// AccountPasswordPolicy implements backend.IAM: IAM's NoSuchEntity (no custom policy)
// is ok=false, not an error.
func (b *Backend) AccountPasswordPolicy(ctx context.Context) (model.PasswordPolicy, bool, error) {
	out, err := b.iam.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	if err != nil {
		err = wrap("iam:GetAccountPasswordPolicy", err)
		if backend.KindOf(err) == backend.KindNotFound {
			return model.PasswordPolicy{}, false, nil
		}
		return model.PasswordPolicy{}, false, err
	}
	p := out.PasswordPolicy
	return model.PasswordPolicy{
		MinimumPasswordLength:      int(aws.ToInt32(p.MinimumPasswordLength)),
		RequireSymbols:             p.RequireSymbols,
		RequireNumbers:             p.RequireNumbers,
		RequireUppercaseCharacters: p.RequireUppercaseCharacters,
		RequireLowercaseCharacters: p.RequireLowercaseCharacters,
		AllowUsersToChangePassword: p.AllowUsersToChangePassword,
		ExpirePasswords:            p.ExpirePasswords,
		MaxPasswordAge:             int(aws.ToInt32(p.MaxPasswordAge)),
		PasswordReusePrevention:    int(aws.ToInt32(p.PasswordReusePrevention)),
		HardExpiry:                 aws.ToBool(p.HardExpiry),
	}, true, nil
}

func loginProfileFrom(lp types.LoginProfile) model.LoginProfile {
	return model.LoginProfile{UserName: aws.ToString(lp.UserName), CreateDate: aws.ToTime(lp.CreateDate), PasswordResetRequired: lp.PasswordResetRequired}
}
