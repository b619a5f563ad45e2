<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>cart view</source>
        <translation>购物车视图</translation>
    </message>
    <message>
        <source>catalog</source>
        <translation>商品目录</translation>
    </message>
    <message>
        <source>undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>status bar</source>
        <translation>状态栏</translation>
    </message>
    <message>
        <source>The cart database was damaged and kept aside; see the notice</source>
        <translation>购物车数据库已损坏并已另存；请查看通知</translation>
    </message>
    <message>
        <source>Welcome back: your cart holds %n item(s) ({total})</source>
        <translation>欢迎回来：您的购物车中有 %n 件商品（{total}）</translation>
    </message>
    <message>
        <source>Message {version} of the cart&apos;s history was changed outside cartapp (it does not match its tamper-evident digest). The history is kept as it is.</source>
        <translation>购物车历史中的第 {version} 条消息在 cartapp 之外被修改过（与其防篡改摘要不符）。历史记录保持原样。</translation>
    </message>
    <message>
        <source>The cart database was damaged</source>
        <translation>购物车数据库已损坏</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your cart database was damaged. cartapp kept the old file aside and started with what could still be read.&lt;/b&gt;</source>
        <translation>&lt;b&gt;您的购物车数据库已损坏。cartapp 已将旧文件另存，并用仍可读取的内容启动。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>cartapp cannot use its data folder</source>
        <translation>cartapp 无法使用其数据文件夹</translation>
    </message>
    <message>
        <source>cartapp cannot join the shop</source>
        <translation>cartapp 无法加入商店</translation>
    </message>
    <message>
        <source>cartapp cannot open this cart: {reason}.

Only one cartapp at a time may use a data folder ({folder}). Switch to the open window, or start this one with another folder: cartapp --data-dir DIR</source>
        <translation>cartapp 无法打开此购物车：{reason}。

同一时间只能有一个 cartapp 使用一个数据文件夹（{folder}）。请切换到已打开的窗口，或用另一个文件夹启动：cartapp --data-dir DIR</translation>
    </message>
    <message>
        <source>cartapp is already open</source>
        <translation>cartapp 已经打开</translation>
    </message>
    <message>
        <source>cartapp cannot open this cart</source>
        <translation>cartapp 无法打开此购物车</translation>
    </message>
    <message>
        <source>cartapp failed to start: {error}

This is a bug in cartapp; the details were printed where cartapp was started. Please report them.</source>
        <translation>cartapp 启动失败：{error}

这是 cartapp 的缺陷；详细信息已输出到启动 cartapp 的位置。请报告这些信息。</translation>
    </message>
    <message>
        <source>cartapp failed to start</source>
        <translation>cartapp 启动失败</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove {name} from the cart (Delete)</source>
        <translation>从购物车中删除 {name}（Delete 键）</translation>
    </message>
    <message>
        <source>Double-click or F2 to change the quantity; + and - step it</source>
        <translation>双击或按 F2 修改数量；按 + 和 - 逐一增减</translation>
    </message>
    <message>
        <source>{net} less {discount} = {total}, before tax and the order&apos;s discounts</source>
        <translation>{net} 减去 {discount} = {total}（未计税及订单折扣）</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>删除 {name}</translation>
    </message>
</context>
<context>
    <name>CartPanel</name>
    <message>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <source>Tax ({rates})</source>
        <translation>税额（{rates}）</translation>
    </message>
    <message>
        <source>type a discount: 10 % or an amount such as 2.50</source>
        <translation>请输入折扣：10 % 或金额，例如 2.50</translation>
    </message>
    <message>
        <source>order −{amount}</source>
        <translation>订单 −{amount}</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>商品行</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Discount ({parts})</source>
        <translation>折扣（{parts}）</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>购物车</translation>
    </message>
    <message>
        <source>Show discounts and coupons</source>
        <translation>显示折扣和优惠券</translation>
    </message>
    <message>
        <source>&amp;Discounts</source>
        <translation>折扣(&amp;D)</translation>
    </message>
    <message>
        <source>Show the line and order discounts and the coupon code</source>
        <translation>显示商品行折扣、订单折扣和优惠券代码</translation>
    </message>
    <message>
        <source>Cart lines</source>
        <translation>购物车商品行</translation>
    </message>
    <message>
        <source>One line per product. F2 edits the quantity, plus and minus step it, Delete removes it</source>
        <translation>每种商品一行。F2 修改数量，加号和减号逐一增减，Delete 删除</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>C&amp;lear cart</source>
        <translation>清空购物车(&amp;L)</translation>
    </message>
    <message>
        <source>Clear cart</source>
        <translation>清空购物车</translation>
    </message>
    <message>
        <source>Check&amp;out…</source>
        <translation>结账(&amp;O)…</translation>
    </message>
    <message>
        <source>Checkout</source>
        <translation>结账</translation>
    </message>
    <message>
        <source>Last rejection</source>
        <translation>最近一次拒绝</translation>
    </message>
    <message>
        <source>10 % or 2.50</source>
        <translation>10 % 或 2.50</translation>
    </message>
    <message>
        <source>&amp;Line discount</source>
        <translation>行折扣(&amp;L)</translation>
    </message>
    <message>
        <source>Discount the selected line</source>
        <translation>给所选行打折</translation>
    </message>
    <message>
        <source>Take the discount off the selected line</source>
        <translation>从所选行扣除折扣</translation>
    </message>
    <message>
        <source>Orde&amp;r discount</source>
        <translation>订单折扣(&amp;R)</translation>
    </message>
    <message>
        <source>Discount the order</source>
        <translation>给订单打折</translation>
    </message>
    <message>
        <source>Take the discount off the whole order</source>
        <translation>从整张订单扣除折扣</translation>
    </message>
    <message>
        <source>Re&amp;move discount</source>
        <translation>取消折扣(&amp;M)</translation>
    </message>
    <message>
        <source>Remove a discount</source>
        <translation>取消一项折扣</translation>
    </message>
    <message>
        <source>Remove the selected line&apos;s discount, else the latest order discount or coupon</source>
        <translation>取消所选行的折扣；若无，则取消最近的订单折扣或优惠券</translation>
    </message>
    <message>
        <source>Coupon code</source>
        <translation>优惠券代码</translation>
    </message>
    <message>
        <source>A&amp;pply coupon</source>
        <translation>使用优惠券(&amp;P)</translation>
    </message>
    <message>
        <source>Apply the coupon</source>
        <translation>使用该优惠券</translation>
    </message>
    <message>
        <source>select the line to discount</source>
        <translation>请选择要打折的行</translation>
    </message>
    <message>
        <source>type a coupon code</source>
        <translation>请输入优惠券代码</translation>
    </message>
    <message>
        <source>Your cart is empty</source>
        <translation>购物车是空的</translation>
    </message>
    <message>
        <source>Pick a product in the catalog and press Add to cart (or Enter).</source>
        <translation>在商品目录中选择商品，然后点击“加入购物车”（或按回车）。</translation>
    </message>
    <message>
        <source>The cart is empty</source>
        <translation>购物车是空的</translation>
    </message>
    <message>
        <source>Not done: {reason}</source>
        <translation>未执行：{reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n 件商品</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>Bakery</source>
        <translation>烘焙</translation>
    </message>
    <message>
        <source>Coffee &amp; Tea</source>
        <translation>咖啡与茶</translation>
    </message>
    <message>
        <source>Dairy</source>
        <translation>乳制品</translation>
    </message>
    <message>
        <source>Fruit &amp; Veg</source>
        <translation>果蔬</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>家居用品</translation>
    </message>
    <message>
        <source>Stationery</source>
        <translation>文具</translation>
    </message>
</context>
<context>
    <name>CatalogModel</name>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>{left} in stock</source>
        <translation>库存 {left}</translation>
    </message>
    <message>
        <source>out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>{left} available</source>
        <translation>可售 {left}</translation>
    </message>
    <message>
        <source>{left} available, {in_cart} in the cart</source>
        <translation>可售 {left}，购物车中 {in_cart}</translation>
    </message>
    <message>
        <source>{category} · tax {rate} %</source>
        <translation>{category} · 税率 {rate} %</translation>
    </message>
</context>
<context>
    <name>CatalogPanel</name>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>商品目录</translation>
    </message>
    <message>
        <source>Search products</source>
        <translation>搜索商品</translation>
    </message>
    <message>
        <source>Filter by name or SKU</source>
        <translation>按名称或货号筛选</translation>
    </message>
    <message>
        <source>Search by name or SKU, or scan a code  (Ctrl+F)</source>
        <translation>按名称或货号搜索，或扫描条码（Ctrl+F）</translation>
    </message>
    <message>
        <source>Category filter</source>
        <translation>类别筛选</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>One product per row; Enter adds it</source>
        <translation>每行一种商品；按回车加入购物车</translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation>数量(&amp;Q)</translation>
    </message>
    <message>
        <source>Quantity to add</source>
        <translation>要加入的数量</translation>
    </message>
    <message>
        <source>&amp;Add to cart</source>
        <translation>加入购物车(&amp;A)</translation>
    </message>
    <message>
        <source>Add to cart</source>
        <translation>加入购物车</translation>
    </message>
    <message>
        <source>Add the selected product (Enter)</source>
        <translation>加入所选商品（回车）</translation>
    </message>
    <message>
        <source>No products found</source>
        <translation>未找到商品</translation>
    </message>
    <message>
        <source>Show all products</source>
        <translation>显示全部商品</translation>
    </message>
    <message>
        <source>unknown code {code}: no product has it</source>
        <translation>未知条码 {code}：没有商品使用该条码</translation>
    </message>
    <message>
        <source>Nothing matches “{text}” in {category}.</source>
        <translation>在{category}中没有与“{text}”匹配的商品。</translation>
    </message>
    <message>
        <source>Nothing matches “{text}”.</source>
        <translation>没有与“{text}”匹配的商品。</translation>
    </message>
    <message>
        <source>Nothing in {category}.</source>
        <translation>{category}中没有商品。</translation>
    </message>
    <message>
        <source>Try another word or category.</source>
        <translation>请换一个关键词或类别。</translation>
    </message>
    <message>
        <source>Select a product to add it</source>
        <translation>选择一种商品以加入购物车</translation>
    </message>
    <message>
        <source>{name}: {left} available</source>
        <translation>{name}：可售 {left}</translation>
    </message>
    <message>
        <source>{name} is out of stock</source>
        <translation>{name} 已缺货</translation>
    </message>
</context>
<context>
    <name>EventLogDetails</name>
    <message>
        <source>stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>handler</source>
        <translation>处理器</translation>
    </message>
    <message>
        <source>who</source>
        <translation>参与者</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>{duration} before generated</source>
        <translation>在产生前 {duration}</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>已决定</translation>
    </message>
    <message>
        <source>{duration} after decided</source>
        <translation>在决定后 {duration}</translation>
    </message>
    <message>
        <source>committed</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Path of correlation {id} (%n record(s))</source>
        <translation>关联 {id} 的路径（%n 条记录）</translation>
    </message>
    <message>
        <source>Envelope</source>
        <translation>信封</translation>
    </message>
    <message>
        <source>event store</source>
        <translation>事件存储</translation>
    </message>
</context>
<context>
    <name>EventLogDock</name>
    <message>
        <source>The selected record is hidden by the filter.</source>
        <translation>所选记录被筛选条件隐藏了。</translation>
    </message>
    <message>
        <source>Pause the view: every record is still stored and counted (Metrics and Flow go on), but the log stops following; Resume shows what came meanwhile</source>
        <translation>暂停视图：每条记录仍会被保存和计数（指标与流程照常更新），但日志不再跟随；继续后显示期间到达的记录</translation>
    </message>
    <message>
        <source>The record you selected has left the log: it keeps the newest {cap:,} records.
Select a row to see its envelope and its whole path.</source>
        <translation>您选择的记录已离开日志：日志只保留最新的 {cap:,} 条记录。
选择一行以查看其信封和完整路径。</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <source>Pause the view</source>
        <translation>暂停视图</translation>
    </message>
    <message>
        <source>Auto-scroll</source>
        <translation>自动滚动</translation>
    </message>
    <message>
        <source>Follow new events (scroll to the newest row)</source>
        <translation>跟随新事件（滚动到最新一行）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear the view (counters keep counting)</source>
        <translation>清除视图（计数器继续计数）</translation>
    </message>
    <message>
        <source>Event log records</source>
        <translation>事件日志记录</translation>
    </message>
    <message>
        <source>Show the cart at this moment</source>
        <translation>显示此刻的购物车</translation>
    </message>
    <message>
        <source>Open Time travel at this row&apos;s message</source>
        <translation>在时间旅行中打开此行的消息</translation>
    </message>
    <message>
        <source>Resume the view</source>
        <translation>继续视图</translation>
    </message>
    <message>
        <source>Resume: show the records that came while paused, and follow again</source>
        <translation>继续：显示暂停期间到达的记录，并重新跟随</translation>
    </message>
    <message numerus="yes">
        <source>Showing {shown:,} of {total:,} records · %Ln message(s)</source>
        <translation>
            <numerusform>显示 {shown:,} / {total:,} 条记录 · %Ln 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source> · oldest {dropped:,} dropped (keeps {cap:,})</source>
        <translation> · 最早的 {dropped:,} 条已丢弃（保留 {cap:,} 条）</translation>
    </message>
    <message>
        <source>A record is one stage of one message (generated, transmitted, handled, consumed, ...): the {kept:,} records kept are about {messages:,} messages, the count Metrics and Flow show. {kept:,} kept in memory (cap {cap:,}); {total:,} seen; {dropped:,} dropped by the cap; {cleared:,} cleared; {held:,} waiting to be shown</source>
        <translation>一条记录是一条消息的一个阶段（产生、传输、处理、消费……）：保留的 {kept:,} 条记录约对应 {messages:,} 条消息，即指标和流程显示的数量。内存中保留 {kept:,} 条（上限 {cap:,}）；共见到 {total:,} 条；因上限丢弃 {dropped:,} 条；已清除 {cleared:,} 条；{held:,} 条等待显示</translation>
    </message>
    <message numerus="yes">
        <source>Paused: %Ln new record(s) stored and counted, shown when you resume</source>
        <translation>
            <numerusform>已暂停：%Ln 条新记录已保存并计数，继续后显示</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by event type</source>
        <translation>按事件类型筛选</translation>
    </message>
    <message>
        <source>Show only some kinds or types of events</source>
        <translation>只显示某些种类或类型的事件</translation>
    </message>
    <message>
        <source>Filter by stage</source>
        <translation>按阶段筛选</translation>
    </message>
    <message>
        <source>Show only one stage of each event&apos;s path</source>
        <translation>只显示每个事件路径中的一个阶段</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <source>Search the event log</source>
        <translation>搜索事件日志</translation>
    </message>
    <message>
        <source>Search summary, type, id, source</source>
        <translation>搜索摘要、类型、ID、来源</translation>
    </message>
    <message>
        <source>Event details</source>
        <translation>事件详情</translation>
    </message>
    <message>
        <source>Select a row to see its envelope and its whole path</source>
        <translation>选择一行以查看其信封和完整路径</translation>
    </message>
</context>
<context>
    <name>EventLogFilter</name>
    <message>
        <source>All events</source>
        <translation>全部事件</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>事实</translation>
    </message>
    <message>
        <source>Rejections &amp; failures</source>
        <translation>拒绝与失败</translation>
    </message>
</context>
<context>
    <name>EventLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>参与者</translation>
    </message>
    <message>
        <source>Correlation</source>
        <translation>关联</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Local time of the stage (hh:mm:ss.mmm)</source>
        <translation>该阶段的本地时间（时:分:秒.毫秒）</translation>
    </message>
    <message>
        <source>generated, transmitted, handled, failed, consumed or dropped</source>
        <translation>产生、传输、处理、失败、消费或丢弃</translation>
    </message>
    <message>
        <source>Message type</source>
        <translation>消息类型</translation>
    </message>
    <message>
        <source>generated: the source that published it; transmitted, handled, failed: (→) the handler it went to; consumed: (by) the consumers it reached (cart view, event log, metrics, ...)</source>
        <translation>产生：发布它的来源；传输、处理、失败：（→）它送达的处理器；消费：（由）它到达的消费者（购物车视图、事件日志、指标……）</translation>
    </message>
    <message>
        <source>Last characters of the correlation id shared by a click and everything it caused</source>
        <translation>关联 ID 的末几位：一次点击及其引发的一切共用同一个关联 ID</translation>
    </message>
    <message>
        <source>What the message says (the error for a failed handler)</source>
        <translation>消息的内容（处理器失败时为错误信息）</translation>
    </message>
    <message>
        <source>Time since the message was generated</source>
        <translation>自消息产生以来经过的时间</translation>
    </message>
    <message>
        <source>correlation {correlation}
event {event}</source>
        <translation>关联 {correlation}
事件 {event}</translation>
    </message>
    <message>
        <source>handler {handler}, published by {source}</source>
        <translation>处理器 {handler}，由 {source} 发布</translation>
    </message>
    <message>
        <source>published by {source}</source>
        <translation>由 {source} 发布</translation>
    </message>
    <message>
        <source>duration {duration}</source>
        <translation>耗时 {duration}</translation>
    </message>
</context>
<context>
    <name>EventLogView</name>
    <message>
        <source>Events appear here as you use the cart</source>
        <translation>使用购物车时，事件会显示在这里</translation>
    </message>
    <message>
        <source>No recorded events match the filter</source>
        <translation>没有符合筛选条件的已记录事件</translation>
    </message>
    <message>
        <source>The view is paused: records are stored and counted, shown when you resume</source>
        <translation>视图已暂停：记录会被保存和计数，继续后显示</translation>
    </message>
</context>
<context>
    <name>FiguresHelp</name>
    <message>
        <source>Reading the figures</source>
        <translation>如何解读这些数字</translation>
    </message>
    <message>
        <source>Definitions of the figures</source>
        <translation>各项数字的定义</translation>
    </message>
</context>
<context>
    <name>HandlerModel</name>
    <message>
        <source>Handler</source>
        <translation>处理器</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Subscribed handler</source>
        <translation>已订阅的处理器</translation>
    </message>
    <message>
        <source>Messages delivered to it</source>
        <translation>送达它的消息数</translation>
    </message>
    <message>
        <source>Calls that raised an exception, out of its calls (a rejection is not a failure)</source>
        <translation>抛出异常的调用占其全部调用的比例（拒绝不算失败）</translation>
    </message>
    <message>
        <source>Commands it answered with CommandRejected, out of its calls: its decisions</source>
        <translation>它以 CommandRejected 回应的命令占其全部调用的比例：这是它的决定</translation>
    </message>
    <message>
        <source>Median run time (within 1%)</source>
        <translation>运行时间中位数（误差 1% 以内）</translation>
    </message>
    <message>
        <source>95th percentile run time (within 1%)</source>
        <translation>运行时间第 95 百分位（误差 1% 以内）</translation>
    </message>
    <message>
        <source>99th percentile run time (within 1%)</source>
        <translation>运行时间第 99 百分位（误差 1% 以内）</translation>
    </message>
    <message>
        <source>Longest run (exact)</source>
        <translation>最长运行时间（精确）</translation>
    </message>
</context>
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
    <name>LatencyModel</name>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Stage of a message&apos;s path</source>
        <translation>消息路径中的阶段</translation>
    </message>
    <message>
        <source>Stage records seen</source>
        <translation>见到的阶段记录数</translation>
    </message>
    <message>
        <source>Median time since generation (within 1%)</source>
        <translation>自产生以来时间的中位数（误差 1% 以内）</translation>
    </message>
    <message>
        <source>95th percentile (within 1%)</source>
        <translation>第 95 百分位（误差 1% 以内）</translation>
    </message>
    <message>
        <source>99th percentile (within 1%)</source>
        <translation>第 99 百分位（误差 1% 以内）</translation>
    </message>
    <message>
        <source>Slowest seen (exact)</source>
        <translation>见到的最慢值（精确）</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Added by this message</source>
        <translation>由此消息添加</translation>
    </message>
    <message>
        <source>Changed by this message</source>
        <translation>由此消息修改</translation>
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
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
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
<context>
    <name>OrdersDock</name>
    <message>
        <source>No orders yet. Check out a cart and its order appears here.</source>
        <translation>还没有订单。结算购物车后，订单会显示在这里。</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Search orders</source>
        <translation>搜索订单</translation>
    </message>
    <message>
        <source>Search orders: number, date, product or tender</source>
        <translation>搜索订单：编号、日期、商品或支付方式</translation>
    </message>
    <message>
        <source>Past orders</source>
        <translation>历史订单</translation>
    </message>
    <message>
        <source>Select an order to see its lines</source>
        <translation>选择一张订单以查看其商品行</translation>
    </message>
    <message>
        <source>Selected order</source>
        <translation>所选订单</translation>
    </message>
    <message>
        <source>Show events</source>
        <translation>显示事件</translation>
    </message>
    <message>
        <source>Show the order&apos;s events</source>
        <translation>显示该订单的事件</translation>
    </message>
    <message>
        <source>Step through this order&apos;s events in Time travel (double-click an order does too)</source>
        <translation>在时间旅行中逐步查看该订单的事件（双击订单也可以）</translation>
    </message>
    <message>
        <source>Receipt…</source>
        <translation>小票…</translation>
    </message>
    <message>
        <source>Show the order&apos;s receipt</source>
        <translation>显示该订单的小票</translation>
    </message>
    <message>
        <source>Preview, print or save this order&apos;s receipt again</source>
        <translation>再次预览、打印或保存该订单的小票</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>退款…</translation>
    </message>
    <message>
        <source>Refund lines of the order</source>
        <translation>退还订单中的商品行</translation>
    </message>
    <message>
        <source>Take back some or all of this order&apos;s lines (not undoable)</source>
        <translation>退回该订单的部分或全部商品行（不可撤销）</translation>
    </message>
    <message>
        <source>Lines of the selected order</source>
        <translation>所选订单的商品行</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Order #{number}&lt;/b&gt; · {when} · %n item(s) · &lt;b&gt;{total}&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;订单 #{number}&lt;/b&gt; · {when} · %n 件商品 · &lt;b&gt;{total}&lt;/b&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Order #{number}, {when}
Subtotal {subtotal}, tax {tax}, total {total}</source>
        <translation>订单 #{number}，{when}
小计 {subtotal}，税额 {tax}，合计 {total}</translation>
    </message>
    <message>
        <source>Paid {paid}; change {change}</source>
        <translation>已付 {paid}；找零 {change}</translation>
    </message>
</context>
<context>
    <name>ParkedDock</name>
    <message>
        <source>Parked carts</source>
        <translation>挂起的购物车</translation>
    </message>
    <message>
        <source>Name of the cart to park</source>
        <translation>要挂起的购物车名称</translation>
    </message>
    <message>
        <source>Name (optional), e.g. the customer&apos;s</source>
        <translation>名称（可选），例如顾客姓名</translation>
    </message>
    <message>
        <source>&amp;Park cart</source>
        <translation>挂起购物车(&amp;P)</translation>
    </message>
    <message>
        <source>Put the open cart aside; its products stay held (undoable)</source>
        <translation>把当前购物车暂放一边；其商品仍被保留（可撤销）</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>恢复(&amp;U)</translation>
    </message>
    <message>
        <source>Bring the selected parked cart back (the cart must be empty)</source>
        <translation>恢复所选的挂起购物车（当前购物车必须为空）</translation>
    </message>
    <message>
        <source>No parked carts.</source>
        <translation>没有挂起的购物车。</translation>
    </message>
    <message numerus="yes">
        <source>%n parked cart(s); their products stay held.</source>
        <translation>
            <numerusform>%n 个挂起的购物车；其商品仍被保留。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ParkedModel</name>
    <message>
        <source>Parked</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>收银台</translation>
    </message>
</context>
<context>
    <name>ProbabilityModel</name>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>All messages, commands, facts, then each event type</source>
        <translation>全部消息、命令、事实，然后是每种事件类型</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>全部消息</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>事实</translation>
    </message>
</context>
<context>
    <name>QuantityDelegate</name>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <source>calls</source>
        <translation>次调用</translation>
    </message>
    <message>
        <source>commands</source>
        <translation>条命令</translation>
    </message>
    <message>
        <source>{rejected:,} of {commands:,} {what}</source>
        <translation>{commands:,} {what}中的 {rejected:,}</translation>
    </message>
    <message>
        <source>{name} commands</source>
        <translation>条 {name} 命令</translation>
    </message>
    <message>
        <source>{n:,} failed</source>
        <translation>{n:,} 失败</translation>
    </message>
    <message>
        <source>{n:,} dropped</source>
        <translation>{n:,} 丢弃</translation>
    </message>
</context>
<context>
    <name>SessionFiles</name>
    <message>
        <source>&amp;Export session as JSON Lines…</source>
        <translation>将会话导出为 JSON Lines(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the session shown in Time travel (normally the current cart&apos;s) as a file</source>
        <translation>把时间旅行中显示的会话（通常是当前购物车的会话）保存为文件</translation>
    </message>
    <message>
        <source>Export &amp;all history…</source>
        <translation>导出全部历史(&amp;A)…</translation>
    </message>
    <message>
        <source>Save every message of the cart, all sessions and orders, as a file</source>
        <translation>把购物车的每条消息（所有会话和订单）保存为文件</translation>
    </message>
    <message>
        <source>&amp;Import session…</source>
        <translation>导入会话(&amp;I)…</translation>
    </message>
    <message>
        <source>Open a JSON Lines file as a new session to replay in Time travel</source>
        <translation>打开一个 JSON Lines 文件作为新会话，在时间旅行中回放</translation>
    </message>
    <message>
        <source>Save the session shown in Time travel (messages {first}–{last}) as a file</source>
        <translation>把时间旅行中显示的会话（消息 {first}–{last}）保存为文件</translation>
    </message>
    <message>
        <source>Save the session (messages {first}–{last}) as a file</source>
        <translation>把会话（消息 {first}–{last}）保存为文件</translation>
    </message>
    <message>
        <source>Nothing to export yet: the cart has no messages</source>
        <translation>暂无可导出的内容：购物车还没有消息</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <source>This cart has no events yet: add something first.</source>
        <translation>这个购物车还没有事件：请先添加商品。</translation>
    </message>
    <message>
        <source>Export session</source>
        <translation>导出会话</translation>
    </message>
    <message>
        <source>Export all history</source>
        <translation>导出全部历史</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write {path}:
{reason}</source>
        <translation>无法写入 {path}：
{reason}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n message(s) to {name}</source>
        <translation>
            <numerusform>已将 %n 条消息导出到 {name}</numerusform>
        </translation>
    </message>
    <message>
        <source>An import is already running</source>
        <translation>已有一个导入正在进行</translation>
    </message>
    <message>
        <source>Import session</source>
        <translation>导入会话</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>正在检查 {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>Checked %Ln line(s)…</source>
        <translation>
            <numerusform>已检查 %Ln 行…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{title} is a copy of stored history (%n message(s) of the live cart, {first}–{last}): shown in Time travel, read only; nothing was imported</source>
        <translation>
            <numerusform>{title} 是已存历史的副本（当前购物车的 %n 条消息，{first}–{last}）：已在时间旅行中以只读方式显示；没有导入任何内容</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{title} is a copy of stored history (%n message(s) of an imported session, {first}–{last}): shown in Time travel, read only; nothing was imported</source>
        <translation>
            <numerusform>{title} 是已存历史的副本（某个导入会话的 %n 条消息，{first}–{last}）：已在时间旅行中以只读方式显示；没有导入任何内容</numerusform>
        </translation>
    </message>
    <message>
        <source>Import of {name} cancelled; nothing was changed</source>
        <translation>已取消导入 {name}；没有任何改动</translation>
    </message>
    <message>
        <source>Line {line}: </source>
        <translation>第 {line} 行：</translation>
    </message>
    <message>
        <source>Import refused</source>
        <translation>导入被拒绝</translation>
    </message>
    <message>
        <source>{name} was not imported; nothing was changed.</source>
        <translation>{name} 未被导入；没有任何改动。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>{name} could not be imported; nothing was changed.</source>
        <translation>{name} 无法导入；没有任何改动。</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n message(s) from {title}: replay it in Time travel (your cart is unchanged)</source>
        <translation>
            <numerusform>已从 {title} 导入 %n 条消息：可在时间旅行中回放（您的购物车不变）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShopDock</name>
    <message>
        <source>Shop: till {till}, online</source>
        <translation>商店：收银台 {till}，在线</translation>
    </message>
    <message>
        <source>Shop: till {till}, offline: adding waits for the shop; the rest still works</source>
        <translation>商店：收银台 {till}，离线：添加商品需等待商店恢复；其他功能照常</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>商店</translation>
    </message>
    <message>
        <source>Tills in the shop</source>
        <translation>商店中的收银台</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) from the network refused as invalid or forged (see the log file)</source>
        <translation>
            <numerusform>来自网络的 %n 条消息因无效或伪造被拒绝（见日志文件）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <source>generated</source>
        <translation>产生</translation>
    </message>
    <message>
        <source>transmitted</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>handled</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>consumed</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>丢弃</translation>
    </message>
</context>
<context>
    <name>TillsModel</name>
    <message>
        <source>Till</source>
        <translation>收银台</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最后在线</translation>
    </message>
    <message>
        <source>Open cart lines</source>
        <translation>当前购物车行数</translation>
    </message>
    <message>
        <source>Parked carts</source>
        <translation>挂起的购物车</translation>
    </message>
    <message>
        <source>{till} (this till)</source>
        <translation>{till}（本收银台）</translation>
    </message>
    <message>
        <source>gone</source>
        <translation>已离开</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
</context>
</TS>
