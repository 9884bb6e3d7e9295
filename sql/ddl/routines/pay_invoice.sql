-- Public: record that an issued invoice was paid in full, at p_paid_at (UTC; NULL: now).
-- Paid and void are final: paying either again is refused, as is a payment dated before
-- the invoice was issued or in the future. One conditional update decides, so two callers
-- paying the same invoice at once cannot both succeed. The payment settles the invoice's open
-- credit notes issued up to it: they were deducted from what was paid (the rule of
-- credit_note_settlement); any issued after it stay open, owed back. (On Galera, a return
-- certified on another node at the same moment may miss this settlement: its credit stays
-- open, and credit_note_settlement, which decides from the dates, still calls it deducted.)
CREATE PROCEDURE pay_invoice(
    IN p_invoice_id BIGINT UNSIGNED,
    IN p_paid_at DATETIME
)
COMMENT 'Mark an issued invoice paid in full at the given time (UTC; NULL: now).'
BEGIN
    DECLARE v_paid_at DATETIME DEFAULT COALESCE(p_paid_at, UTC_TIMESTAMP());
    DECLARE v_status VARCHAR(10);
    DECLARE v_issued_at DATETIME;
    DECLARE v_message VARCHAR(128);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    -- A zero date (0, '0000-00-00') names no moment (COALESCE above took it for NULL, now).
    IF p_paid_at < '1000-01-01' THEN
        SET v_message = CONCAT('payment date must be a UTC time, got ', p_paid_at);
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    IF v_paid_at > UTC_TIMESTAMP() THEN
        SET v_message = CONCAT('payment date ', v_paid_at, ' is in the future');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    UPDATE invoice
    SET status = 'paid', paid_at = v_paid_at
    WHERE
        invoice_id = p_invoice_id
        AND status = 'issued'
        AND issued_at <= v_paid_at;
    IF ROW_COUNT() = 0 THEN
        SELECT
            status,
            issued_at
        INTO v_status, v_issued_at
        FROM invoice
        WHERE invoice_id = p_invoice_id;
        SET v_message = CASE
            WHEN v_status IS NULL
                THEN CONCAT('unknown invoice ', COALESCE(p_invoice_id, 'NULL'))
            WHEN v_status = 'paid'
                THEN CONCAT('invoice ', p_invoice_id, ' is already paid')
            WHEN v_status = 'void'
                THEN CONCAT('invoice ', p_invoice_id, ' is void: nothing is owed')
            ELSE CONCAT(
                'payment date ', v_paid_at, ' is before invoice ', p_invoice_id,
                ' was issued (', v_issued_at, ')'
            )
        END;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    UPDATE credit_note
    SET settled_at = v_paid_at
    WHERE
        invoice_id = p_invoice_id
        AND settled_at IS NULL
        AND issued_at <= v_paid_at;
    COMMIT;
    SELECT
        invoice_id,
        sales_order_id,
        status,
        total_amount,
        issued_at,
        paid_at
    FROM invoice
    WHERE invoice_id = p_invoice_id;
END
