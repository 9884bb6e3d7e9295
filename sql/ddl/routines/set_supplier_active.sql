-- Public: stop buying from a supplier (p_is_active 0), or start again (1); its offers and
-- history stay. Either may be repeated, and the result says what it was. Stopping cancels
-- the drafts automatic reordering wrote to the supplier (resuming one stopped by hand, with
-- an UPDATE, cancels those left from before that stop): they could never be sent, and left
-- as drafts they would count as on order again the day the supplier came back, beside what
-- reordering meanwhile ordered elsewhere. A draft a person wrote stays, for them to see;
-- send_purchase_order refuses it while the supplier is inactive. Orders already sent are
-- not touched: the goods may still arrive.
-- Locks: first the reorder_run row (it takes turns with reorder_stock, which writes the auto
-- drafts, and with discontinue_product), then each auto draft, then the supplier, the order
-- in which send_purchase_order locks a draft and then its supplier.
-- Procedure parameters and variables cannot be table-qualified, so RF02 does not apply here.
-- noqa: disable=RF02
CREATE PROCEDURE set_supplier_active(
    IN p_supplier_id BIGINT UNSIGNED,
    IN p_is_active DOUBLE
)
COMMENT 'Stop (0) or resume (1) buying from a supplier; result: the supplier.'
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

    SET v_message = flag_problem(p_is_active, 'active', 'stop buying', 'buy again');
    IF v_message IS NOT NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    SELECT run_count INTO v_reorder_runs
    FROM reorder_run
    WHERE reorder_run_id = 1
    FOR UPDATE;

    -- Auto drafts of a supplier that is, or was until now, inactive are stale: stopped, it
    -- gets none, as reorder_stock writes to active suppliers only, so what it still has is
    -- left from before a stop made by hand (an UPDATE) and may have been ordered elsewhere
    -- since; the next run orders what is still short. A plain read decides; the supplier is
    -- locked below, after its drafts.
    SELECT is_active INTO v_was_active
    FROM supplier
    WHERE supplier_id = p_supplier_id;
    IF p_is_active = 0 OR v_was_active = 0 THEN
        CALL cancel_auto_drafts(p_supplier_id, NULL, v_auto_drafts_cancelled);
    END IF;

    SET v_was_active = NULL;
    SELECT is_active INTO v_was_active
    FROM supplier
    WHERE supplier_id = p_supplier_id
    FOR UPDATE;
    IF v_was_active IS NULL THEN
        SET v_message = CONCAT('unknown supplier ', COALESCE(p_supplier_id, 'NULL'));
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE supplier
    SET is_active = p_is_active
    WHERE supplier_id = p_supplier_id;
    COMMIT;

    SELECT
        supplier_id,
        name,
        v_was_active AS was_active,
        is_active,
        v_auto_drafts_cancelled AS auto_drafts_cancelled
    FROM supplier
    WHERE supplier_id = p_supplier_id;
END
