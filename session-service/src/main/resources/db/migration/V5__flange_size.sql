-- The flange (breast shield) size of a pumping in mm, when the parent gives it: null before and for nursing.
ALTER TABLE session ADD COLUMN flange_size_mm numeric(3, 1);
