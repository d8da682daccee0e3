-- The setup of each pumping, for the insights that compare them: hands-on pumping, the pump's name as the parent
-- wrote it, the flange size in mm; null when not given (and for a deletion's tombstone, which forgets them).
ALTER TABLE removal ADD COLUMN hands_on boolean, ADD COLUMN pump text, ADD COLUMN flange_size_mm numeric(3, 1);
