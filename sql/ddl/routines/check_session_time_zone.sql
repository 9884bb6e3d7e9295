-- Internal: refuse a session whose time zone is not UTC, naming it. The rows a procedure
-- writes take their times from UTC_TIMESTAMP(), but created_at and updated_at from their
-- defaults, which follow the session's time_zone: a session elsewhere would write two zones
-- into one row. Every public procedure that writes calls it first, before its transaction.
-- The offset decides, not the name, so 'UTC', '+00:00' and SYSTEM on a UTC host all pass;
-- SYSTEM is named with the host's zone. At most 34 + 84 characters: within MySQL's 128.
CREATE PROCEDURE check_session_time_zone()
COMMENT 'Internal: signal unless the session''s time zone is UTC (offset 0).'
SQL SECURITY INVOKER
BEGIN
    DECLARE v_message VARCHAR(128);

    IF NOW() <> UTC_TIMESTAMP() THEN
        SET v_message = CONCAT(
            'time_zone ',
            LEFT(
                QUOTE(
                    IF(
                        @@session.time_zone = 'SYSTEM',
                        CONCAT('SYSTEM (', @@global.system_time_zone, ')'),
                        @@session.time_zone
                    )
                ),
                34
            ),
            ' is ',
            TIMEDIFF(NOW(), UTC_TIMESTAMP()),
            ' off UTC: the procedures write UTC, SET time_zone = ''+00:00'''
        );
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
END
