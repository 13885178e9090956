"""The Shop page: a shared catalog, a per-user cart, orders written to a database.

catalog.py  the product list, read once per process (st.cache_data)
model.py    the cart's rules, plain Python: lines by sku, Decimal money, CartError
store.py    the orders database behind st.connection: one transaction per checkout
state.py    the session-state keys; callbacks.py changes them; page.py draws them
"""
