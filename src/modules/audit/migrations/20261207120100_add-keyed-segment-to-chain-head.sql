-- From this release records are linked with HMAC-SM3 under a key derived from the master key. The first link pass
-- after the upgrade appends a record (action audit.chain.keyed_segment) that seals the plain SM3 chain's end and
-- starts the keyed segment; this column tells link passes it was written. Verification does not trust it: it finds
-- the sealing record itself, whose own HMAC proves it.
ALTER TABLE audit.chain_head ADD COLUMN keyed_from_seq bigint;
COMMENT ON COLUMN audit.chain_head.keyed_from_seq IS 'seq of the record that starts the HMAC-SM3 (keyed) segment; null until the first link pass of a keyed release';
COMMENT ON TABLE audit.records IS 'Audit records, one per audited action, chained: hash = HMAC-SM3(chain key, prev_hash | canonical record) from the keyed segment on, plain SM3 before it';
COMMENT ON COLUMN audit.records.hash IS 'HMAC-SM3 under the chain key (plain SM3 before the keyed segment) over prev_hash and this record''s canonical form';
