-- policy
-- The SHA-256 of the policy file (.gryt/policy.yaml) that applied to an evolution; null when there was none.
-- (A promotion keeps its policy's hash in its gate report, as policy_sha256.)
ALTER TABLE evolutions ADD COLUMN policy_hash TEXT;
