<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>LanguageMenu</name>
    <message>
        <source>cartapp shows {language} when it starts again.</source>
        <translation>cartapp 下次启动时将显示{language}。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System ({language})</source>
        <translation>跟随系统（{language}）</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{quantity} x {name} @ {price} = {net}</source>
        <translation>{quantity} × {name} @ {price} = {net}</translation>
    </message>
    <message>
        <source>Subtotal: {amount}</source>
        <translation>小计：{amount}</translation>
    </message>
    <message>
        <source>Tax: {amount}</source>
        <translation>税额：{amount}</translation>
    </message>
    <message>
        <source>Total: {amount}</source>
        <translation>合计：{amount}</translation>
    </message>
    <message>
        <source>{app} — event-driven shopping cart</source>
        <translation>{app} — 事件驱动的购物车</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Last event</source>
        <translation>最新事件</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find product…</source>
        <translation>查找商品(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Remove line</source>
        <translation>删除此行(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected cart line</source>
        <translation>删除所选的购物车行</translation>
    </message>
    <message>
        <source>&amp;Increase quantity</source>
        <translation>增加数量(&amp;I)</translation>
    </message>
    <message>
        <source>Add one more of the selected line</source>
        <translation>所选行再加一件</translation>
    </message>
    <message>
        <source>&amp;Decrease quantity</source>
        <translation>减少数量(&amp;D)</translation>
    </message>
    <message>
        <source>One less of the selected line</source>
        <translation>所选行减少一件</translation>
    </message>
    <message>
        <source>&amp;Edit quantity…</source>
        <translation>修改数量(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Add to cart</source>
        <translation>加入购物车(&amp;A)</translation>
    </message>
    <message>
        <source>Add the selected product</source>
        <translation>加入所选商品</translation>
    </message>
    <message>
        <source>&amp;Clear cart</source>
        <translation>清空购物车(&amp;C)</translation>
    </message>
    <message>
        <source>Empty the cart (can be undone)</source>
        <translation>清空购物车（可撤销）</translation>
    </message>
    <message>
        <source>Check&amp;out…</source>
        <translation>结账(&amp;O)…</translation>
    </message>
    <message>
        <source>Close the cart into an order</source>
        <translation>将购物车结算为订单</translation>
    </message>
    <message>
        <source>&amp;Park cart</source>
        <translation>挂起购物车(&amp;P)</translation>
    </message>
    <message>
        <source>Put the open cart aside to serve the next customer (can be undone)</source>
        <translation>把当前购物车暂放一边，先接待下一位顾客（可撤销）</translation>
    </message>
    <message>
        <source>&amp;About cartapp</source>
        <translation>关于 cartapp(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reading the figures</source>
        <translation>如何解读这些数字(&amp;R)</translation>
    </message>
    <message>
        <source>What P(e), P(t|e), P(h|e), P(c|h), Accepted and Rejected mean</source>
        <translation>P(e)、P(t|e)、P(h|e)、P(c|h)、已接受与已拒绝的含义</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Cart</source>
        <translation>购物车(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Scan: {reason}</source>
        <translation>扫码：{reason}</translation>
    </message>
    <message>
        <source>{code} is not a coupon code</source>
        <translation>{code} 不是优惠券代码</translation>
    </message>
    <message>
        <source>A parked cart&apos;s name must be plain text of at most 200 characters</source>
        <translation>挂起购物车的名称必须是不超过 200 个字符的纯文本</translation>
    </message>
    <message>
        <source>Checkout cancelled</source>
        <translation>已取消结账</translation>
    </message>
    <message>
        <source>Order #{number} cannot be found for a refund</source>
        <translation>找不到要退款的订单 #{number}</translation>
    </message>
    <message>
        <source>Payment cancelled; the cart is as it was</source>
        <translation>已取消付款；购物车保持原样</translation>
    </message>
    <message>
        <source>Error: {summary}</source>
        <translation>错误：{summary}</translation>
    </message>
    <message>
        <source>{summary} — thank you!</source>
        <translation>{summary} — 谢谢惠顾！</translation>
    </message>
    <message>
        <source>About cartapp</source>
        <translation>关于 cartapp</translation>
    </message>
    <message>
        <source>&lt;b&gt;cartapp {version}&lt;/b&gt;&lt;p&gt;An event-driven shopping cart: every click is a command on an event bus, handlers answer with facts, and the views follow the facts. The event log shows each event&apos;s path.&lt;/p&gt;</source>
        <translation>&lt;b&gt;cartapp {version}&lt;/b&gt;&lt;p&gt;一个事件驱动的购物车：每次点击都是事件总线上的一条命令，处理器以事实作答，视图跟随事实更新。事件日志展示每个事件的完整路径。&lt;/p&gt;</translation>
    </message>
</context>
</TS>
