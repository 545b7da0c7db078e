package cloudtrail

// SetPageSizes lowers the list operations' page sizes for a test and returns the
// function that restores them.
func SetPageSizes(trails, tags, keys int) (restore func()) {
	t, g, k := listTrailsPageSize, listTagsPageSize, listPublicKeysPageSize
	listTrailsPageSize, listTagsPageSize, listPublicKeysPageSize = trails, tags, keys
	return func() { listTrailsPageSize, listTagsPageSize, listPublicKeysPageSize = t, g, k }
}

// SetKeys replaces only the KMS key resolver CloudTrail checks trail keys with.
func SetKeys(s *Service, k KeyResolver) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.integrations.Keys = k
}
