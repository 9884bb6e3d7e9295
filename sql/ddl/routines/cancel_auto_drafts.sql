-- Internal: cancel the drafts automatic reordering wrote to a supplier, or for a warehouse
-- (give one of the two ids, the other NULL), in purchase order id order; p_cancelled says
-- how many. The caller holds the reorder_run row, so no run writes an auto draft meanwhile,
-- and locks the supplier or warehouse after this: send_purchase_order locks a draft and then
-- its supplier and warehouse. Cancelled, not deleted, as every order is: its history stays.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE cancel_auto_drafts(
    IN p_supplier_id BIGINT UNSIGNED,
    IN p_warehouse_id BIGINT UNSIGNED,
    OUT p_cancelled INT
)
COMMENT 'Internal: cancel the auto-generated drafts of a supplier or a warehouse; out: how many.'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_purchase_order_id BIGINT UNSIGNED;
    DECLARE v_status VARCHAR(20);
    DECLARE v_drafts_read BOOLEAN DEFAULT FALSE;
    -- A consistent read, which locks nothing (a locking read of the index range would also
    -- lock the gaps where a new draft goes). Each half uses its own index; the half whose id
    -- is NULL finds nothing.
    DECLARE c_draft CURSOR FOR
        SELECT purchase_order_id
        FROM purchase_order
        WHERE supplier_id = p_supplier_id AND status = 'draft' AND is_auto_generated = 1
        UNION ALL
        SELECT purchase_order_id
        FROM purchase_order
        WHERE warehouse_id = p_warehouse_id AND status = 'draft' AND is_auto_generated = 1
        ORDER BY purchase_order_id;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_drafts_read = TRUE;

    SET p_cancelled = 0;
    OPEN c_draft;
    cancel_drafts: LOOP
        FETCH c_draft INTO v_purchase_order_id;
        IF v_drafts_read THEN
            LEAVE cancel_drafts;
        END IF;
        -- Lock the draft by its primary key alone and read its status again, as it may have
        -- been sent or cancelled since the cursor read. An UPDATE ... AND status = 'draft'
        -- may go through the status index instead, locking the draft's entry there before
        -- its row: send_purchase_order, holding the row, then waits for that entry, and the
        -- two deadlock.
        SET v_status = NULL;
        SELECT status INTO v_status
        FROM purchase_order
        WHERE purchase_order_id = v_purchase_order_id
        FOR UPDATE;
        -- Orders are never deleted; were this one gone, its read must not end the walk.
        SET v_drafts_read = FALSE;
        IF v_status = 'draft' THEN
            UPDATE purchase_order
            SET status = 'cancelled'
            WHERE purchase_order_id = v_purchase_order_id;
            SET p_cancelled = p_cancelled + 1;
        END IF;
    END LOOP;
    CLOSE c_draft;
END
