-- Public: record that a credit note owed back was refunded, at p_refunded_at (UTC; NULL:
-- now), which settles it. Only a credit issued after its invoice was paid is refunded
-- (credit_note_settlement says refund_due); one deducted (issued before the payment, or while
-- the invoice is unpaid) or on a void invoice is refused, as is a second refund, one dated
-- before the credit note, not after the payment (a refund in the payment's second would read
-- as settled by it), or in the future. The credit note's lock is taken first, so of two
-- callers refunding it at once the second finds it refunded.
CREATE PROCEDURE refund_credit_note(
    IN p_credit_note_id BIGINT UNSIGNED,
    IN p_refunded_at DATETIME
)
COMMENT 'Mark a credit note on a paid invoice refunded at the given time (UTC; NULL: now).'
BEGIN
    DECLARE v_refunded_at DATETIME DEFAULT COALESCE(p_refunded_at, UTC_TIMESTAMP());
    DECLARE v_credit_note_id BIGINT UNSIGNED;
    DECLARE v_settlement VARCHAR(10);
    DECLARE v_invoice_id BIGINT UNSIGNED;
    DECLARE v_issued_at DATETIME;
    DECLARE v_paid_at DATETIME;
    DECLARE v_message VARCHAR(160);
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL check_session_time_zone();

    IF v_refunded_at > UTC_TIMESTAMP() THEN
        SET v_message = CONCAT('refund date ', v_refunded_at, ' is in the future');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    START TRANSACTION;
    SELECT credit_note_id INTO v_credit_note_id
    FROM credit_note
    WHERE credit_note_id = p_credit_note_id
    FOR UPDATE;
    -- Read after the lock, so as the last refund committed it.
    SELECT
        cns.settlement,
        cns.invoice_id,
        cns.issued_at,
        i.paid_at
    INTO v_settlement, v_invoice_id, v_issued_at, v_paid_at
    FROM credit_note_settlement AS cns
    INNER JOIN invoice AS i ON cns.invoice_id = i.invoice_id
    WHERE cns.credit_note_id = v_credit_note_id; -- noqa: RF02
    IF v_settlement = 'refund_due' AND v_issued_at <= v_refunded_at AND v_paid_at < v_refunded_at
    THEN
        UPDATE credit_note
        SET settled_at = v_refunded_at
        WHERE credit_note_id = v_credit_note_id;
    ELSE
        SET v_message = CASE
            WHEN v_settlement IS NULL
                THEN CONCAT('unknown credit note ', COALESCE(p_credit_note_id, 'NULL'))
            WHEN v_settlement = 'refunded'
                THEN CONCAT('credit note ', p_credit_note_id, ' is already refunded')
            WHEN v_settlement = 'void'
                THEN CONCAT(
                    'credit note ', p_credit_note_id, ' is on void invoice ', v_invoice_id,
                    ': nothing was paid'
                )
            WHEN v_settlement = 'deducted'
                THEN CONCAT(
                    'credit note ', p_credit_note_id, ' was deducted from invoice ', v_invoice_id,
                    ', not yet paid when it was issued: nothing to refund'
                )
            WHEN v_refunded_at < v_issued_at
                THEN CONCAT(
                    'refund date ', v_refunded_at, ' is before credit note ', p_credit_note_id,
                    ' was issued (', v_issued_at, ')'
                )
            ELSE CONCAT(
                'refund date ', v_refunded_at, ' is not after invoice ', v_invoice_id,
                ' was paid (', v_paid_at, ')'
            )
        END;
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    COMMIT;
    SELECT
        credit_note_id,
        invoice_id,
        customer_id,
        amount,
        issued_at,
        settled_at AS refunded_at,
        settlement
    FROM credit_note_settlement
    WHERE credit_note_id = p_credit_note_id;
END
