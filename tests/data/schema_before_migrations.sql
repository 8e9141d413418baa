-- A store database as create_schema made it before Alembic owned the schema (commit 31ea8a4),
-- with a few rows: a product, a shopper, two guest sessions (one with a turn, a cart line
-- and a thumb). Written by sqlite3's iterdump; tests/test_migrations.py upgrades it.
BEGIN TRANSACTION;
CREATE TABLE cart_lines (
	id INTEGER NOT NULL, 
	session_id VARCHAR(64) NOT NULL, 
	product_id INTEGER NOT NULL, 
	quantity INTEGER NOT NULL, 
	added_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (session_id, product_id), 
	FOREIGN KEY(session_id) REFERENCES chat_sessions (id), 
	FOREIGN KEY(product_id) REFERENCES products (id)
);
INSERT INTO "cart_lines" VALUES(1,'FixtureSession0000000001',1,1,'2026-12-06 02:17:17');
CREATE TABLE chat_events (
	id INTEGER NOT NULL, 
	session_id VARCHAR(64) NOT NULL, 
	position INTEGER NOT NULL, 
	kind VARCHAR(40) NOT NULL, 
	data JSON NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (session_id, position), 
	FOREIGN KEY(session_id) REFERENCES chat_sessions (id)
);
INSERT INTO "chat_events" VALUES(1,'FixtureSession0000000001',0,'ShopperSaid','{"text": "a tent"}');
INSERT INTO "chat_events" VALUES(2,'FixtureSession0000000001',1,'AssistantSaid','{"text": "Here is a tent."}');
CREATE TABLE chat_messages (
	id INTEGER NOT NULL, 
	session_id VARCHAR(64) NOT NULL, 
	position INTEGER NOT NULL, 
	role VARCHAR(10) NOT NULL, 
	text TEXT NOT NULL, 
	cards JSON NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (session_id, position), 
	FOREIGN KEY(session_id) REFERENCES chat_sessions (id)
);
INSERT INTO "chat_messages" VALUES(1,'FixtureSession0000000001',0,'user','a tent','[]');
INSERT INTO "chat_messages" VALUES(2,'FixtureSession0000000001',1,'assistant','Here is a tent.','[]');
CREATE TABLE chat_sessions (
	id VARCHAR(64) NOT NULL, 
	shopper_id INTEGER, 
	shown_from INTEGER NOT NULL, 
	created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(shopper_id) REFERENCES shoppers (id)
);
INSERT INTO "chat_sessions" VALUES('FixtureSession0000000001',NULL,0,'2026-12-06 02:17:17');
INSERT INTO "chat_sessions" VALUES('FixtureSession0000000002',NULL,0,'2026-12-06 02:17:17');
CREATE TABLE interactions (
	id INTEGER NOT NULL, 
	shopper_id INTEGER, 
	product_id INTEGER, 
	kind VARCHAR(8) NOT NULL, 
	value DOUBLE, 
	created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	chat_session_id VARCHAR(64), 
	message_position INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(shopper_id) REFERENCES shoppers (id), 
	FOREIGN KEY(product_id) REFERENCES products (id), 
	FOREIGN KEY(chat_session_id) REFERENCES chat_sessions (id)
);
INSERT INTO "interactions" VALUES(1,NULL,1,'LIKE',NULL,'2026-12-06 02:17:17','FixtureSession0000000001',NULL);
CREATE TABLE order_lines (
	id INTEGER NOT NULL, 
	order_id INTEGER NOT NULL, 
	product_id INTEGER NOT NULL, 
	quantity INTEGER NOT NULL, 
	unit_price NUMERIC(12, 2) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(order_id) REFERENCES orders (id), 
	FOREIGN KEY(product_id) REFERENCES products (id)
);
CREATE TABLE orders (
	id INTEGER NOT NULL, 
	number VARCHAR(32) NOT NULL, 
	shopper_id INTEGER NOT NULL, 
	status VARCHAR(9) NOT NULL, 
	placed_at DATETIME NOT NULL, 
	carrier VARCHAR(50), 
	tracking_number VARCHAR(64), 
	estimated_delivery DATETIME, 
	PRIMARY KEY (id), 
	UNIQUE (number), 
	FOREIGN KEY(shopper_id) REFERENCES shoppers (id)
);
CREATE TABLE policies (
	id INTEGER NOT NULL, 
	topic VARCHAR(50) NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	body TEXT NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE products (
	id INTEGER NOT NULL, 
	sku VARCHAR(64) NOT NULL, 
	name VARCHAR(300) NOT NULL, 
	brand VARCHAR(100), 
	category VARCHAR(300) NOT NULL, 
	price NUMERIC(12, 2) NOT NULL, 
	currency VARCHAR(3) NOT NULL, 
	colour VARCHAR(40), 
	sizes VARCHAR(300), 
	material VARCHAR(100), 
	audience VARCHAR(20), 
	attributes JSON NOT NULL, 
	description TEXT NOT NULL, 
	rating DOUBLE, 
	review_count INTEGER NOT NULL, 
	stock INTEGER NOT NULL, 
	image VARCHAR(500), 
	embedding BLOB, 
	content_hash VARCHAR(64), 
	PRIMARY KEY (id)
);
INSERT INTO "products" VALUES(1,'FIX-1','Fixture Trail Tent','Acme','Camping > Tents',99.5,'USD',NULL,NULL,NULL,NULL,'{}','A tent.',4.5,3,2,NULL,NULL,NULL);
CREATE TABLE reviews (
	id INTEGER NOT NULL, 
	product_id INTEGER NOT NULL, 
	author VARCHAR(100) NOT NULL, 
	rating INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(product_id) REFERENCES products (id)
);
CREATE TABLE search_revision (
	id INTEGER NOT NULL, 
	value INTEGER NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "search_revision" VALUES(1,1);
CREATE TABLE shoppers (
	id INTEGER NOT NULL, 
	handle VARCHAR(64) NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	email VARCHAR(200), 
	PRIMARY KEY (id), 
	UNIQUE (handle)
);
INSERT INTO "shoppers" VALUES(1,'alex','Alex Fixture',NULL);
CREATE INDEX ix_products_colour ON products (colour);
CREATE INDEX ix_products_brand_lower ON products (lower(brand));
CREATE UNIQUE INDEX ix_products_sku ON products (sku);
CREATE INDEX ix_products_category ON products (category);
CREATE INDEX ix_products_brand ON products (brand);
CREATE INDEX ix_products_audience ON products (audience);
CREATE INDEX ix_products_price ON products (price);
CREATE INDEX ix_policies_topic ON policies (topic);
CREATE INDEX ix_reviews_product_id ON reviews (product_id);
CREATE INDEX ix_orders_shopper_id ON orders (shopper_id);
CREATE INDEX ix_interactions_shopper_id ON interactions (shopper_id);
CREATE INDEX ix_interactions_chat_session_id ON interactions (chat_session_id);
CREATE INDEX ix_interactions_product_id ON interactions (product_id);
CREATE INDEX ix_order_lines_order_id ON order_lines (order_id);
CREATE INDEX ix_chat_events_session_id ON chat_events (session_id);
CREATE INDEX ix_chat_messages_session_id ON chat_messages (session_id);
CREATE INDEX ix_cart_lines_session_id ON cart_lines (session_id);
COMMIT;
