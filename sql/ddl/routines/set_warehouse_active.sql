-- Public: close a warehouse (p_is_active 0), or open it again (1); its stock levels and
-- history stay. Either may be repeated, and the result says what it was. A closed warehouse
-- sells, ships and reorders nothing and takes no transfer in; stock may still be transferred
-- out (to empty it), goods due on orders already sent are still received there, and returns
-- into it are taken. Closing cancels the drafts automatic reordering wrote for it (reopening
-- one closed by hand, with an UPDATE, cancels those left from before): they could never be
-- sent, and the next run orders what is short where it is still sold. A draft a person wrote
-- stays, for them to see; send_purchase_order refuses it while the warehouse is closed. The
-- result says what is left to deal with: open sales orders, which can no longer ship (cancel
-- them and place them elsewhere), drafts left, which cannot be sent, orders sent and still
-- due, and units on hand. Its stock levels still raise low-stock alerts as stock leaves.
-- Locks: first the reorder_run row (it takes turns with reorder_stock, which writes the auto
-- drafts), then each auto draft, then the warehouse, the order in which send_purchase_order
-- locks a draft and then its warehouse. Sales, shipments and transfers in hold a shared lock
-- on the warehouse until they commit, so closing waits for them, and they for it.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE set_warehouse_active(
    IN p_warehouse_id BIGINT UNSIGNED,
    IN p_is_active DOUBLE
)
COMMENT 'Close (0) or reopen (1) a warehouse; result: the warehouse and what is left in it.'
BEGIN
    DECLARE v_was_active BOOLEAN;
    DECLARE v_message VARCHAR(255);
    DECLARE v_reorder_runs INT;
    DECLARE v_auto_drafts_cancelled INT DEFAULT 0;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    SET v_message = flag_problem(p_is_active, 'active', 'close the warehouse', 'open it again');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    SELECT run_count INTO v_reorder_runs
    FROM reorder_run
    WHERE reorder_run_id = 1
    FOR UPDATE;

    -- Auto drafts for a warehouse that is, or was until now, closed are stale: closed, it
    -- gets none, as reorder_stock orders for active warehouses only, so what it still has is
    -- left from before a closing made by hand (an UPDATE). A plain read decides; the
    -- warehouse is locked below, after its drafts.
    SELECT is_active INTO v_was_active
    FROM warehouse
    WHERE warehouse_id = p_warehouse_id;
    IF p_is_active = 0 OR v_was_active = 0 THEN
        CALL cancel_auto_drafts(NULL, p_warehouse_id, v_auto_drafts_cancelled);
    END IF;

    SET v_was_active = NULL;
    SELECT is_active INTO v_was_active
    FROM warehouse
    WHERE warehouse_id = p_warehouse_id
    FOR UPDATE;
    IF v_was_active IS NULL THEN
        SET v_message = CONCAT('unknown warehouse ', COALESCE(p_warehouse_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE warehouse
    SET is_active = p_is_active
    WHERE warehouse_id = p_warehouse_id;
    COMMIT;

    SELECT
        w.warehouse_id,
        w.code,
        v_was_active AS was_active,
        w.is_active,
        v_auto_drafts_cancelled AS auto_drafts_cancelled,
        (
            SELECT COUNT(*)
            FROM sales_order AS so
            WHERE so.warehouse_id = w.warehouse_id AND so.status = 'open'
        ) AS open_sales_orders,
        (
            SELECT COUNT(*)
            FROM purchase_order AS po
            WHERE po.warehouse_id = w.warehouse_id AND po.status = 'draft'
        ) AS drafts_left,
        (
            SELECT COUNT(*)
            FROM purchase_order AS po
            WHERE
                po.warehouse_id = w.warehouse_id
                AND po.status IN ('sent', 'partially_received')
        ) AS purchase_orders_due,
        (
            SELECT COALESCE(SUM(sl.on_hand_qty), 0)
            FROM stock_level AS sl
            WHERE sl.warehouse_id = w.warehouse_id
        ) AS on_hand_qty
    FROM warehouse AS w
    WHERE w.warehouse_id = p_warehouse_id;
END
