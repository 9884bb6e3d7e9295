-- The one row of inventory settings, with every setting at its column default.
INSERT INTO inventory_setting (inventory_setting_id) VALUES (1);
