package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/labconsole/labconsole/model"
)

// CallerIdentity implements backend.Identity.
func (b *Backend) CallerIdentity(ctx context.Context) (model.Identity, error) {
	out, err := b.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return model.Identity{}, wrap("sts:GetCallerIdentity", err)
	}
	return model.Identity{Account: aws.ToString(out.Account), Arn: aws.ToString(out.Arn), UserID: aws.ToString(out.UserId)}, nil
}
