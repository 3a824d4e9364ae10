-- Scatterguard store, schema 2: console sign-in sessions, shared by every node on this database,
-- so that a browser signed in on one node (behind a load balancer) is signed in on all, and a
-- sign-out ends it everywhere. Only the SHA-256 of the session id is stored: the database never
-- holds a live cookie.
CREATE TABLE console_session (
    id_hash    VARCHAR(64) PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    username   VARCHAR(255) NOT NULL,
    csrf       VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX console_session_user ON console_session (user_id);
CREATE INDEX console_session_last_seen ON console_session (last_seen);
